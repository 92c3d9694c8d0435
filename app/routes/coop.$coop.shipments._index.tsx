import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { portalCooperative } from "~/domain/coop/portal";
import { shipListQuery } from "~/domain/orders/shipment-input";
import { SHIPMENT_FILTERS } from "~/domain/orders/shipment-rules";
import { listCoopShipments } from "~/domain/orders/shipments.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CarrierName, ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import { storeContext } from "~/utils/request.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopShipments", { coop: data.cooperative.name }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const search = new URL(request.url).searchParams;
  const { status, page } = shipListQuery.parse({
    status: search.get("status") ?? undefined,
    page: search.get("page") ?? undefined,
  });
  const list = await listCoopShipments(db, cooperative.id, { status, page, locale });
  return json(
    { cooperative: portalCooperative(cooperative, locale), ...list },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Shipment = SerializeFrom<typeof loader>["shipments"][number];

/** Where a parcel stands: its tracking once sent, else its cold-chain deadline, if any. */
function ShipmentProgress({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  if (s.status === "shipped" || s.status === "delivered") {
    return (
      <p>
        <CarrierName carrier={s.carrier} /> <span className="tracking">{s.trackingNumber}</span>
      </p>
    );
  }
  if (!s.shipBy) {
    return (
      <p className="muted">
        {t("fulfil.list.deadline")} {t("fulfil.list.noDeadline")}
      </p>
    );
  }
  return (
    <p className={s.late ? "deadline deadline--late" : "deadline"}>
      <span className="tag tag--cold">{t("fulfil.coldChain")}</span>{" "}
      {s.late ? <span className="tag tag--warn">{t("fulfil.late")}</span> : null}{" "}
      {t("fulfil.list.deadline")} <ShanghaiTime at={s.shipBy} />
    </p>
  );
}

function ShipmentCard({ shipment: s, base }: { shipment: Shipment; base: string }) {
  const { t } = useTranslation();
  const todo = s.status === "pending" || s.status === "packed";
  return (
    <li
      className={s.late ? "shipment-card shipment-card--late" : "shipment-card"}
      data-testid="coop-shipment"
      data-late={s.late ? "true" : undefined}
    >
      <div>
        <p className="shipment-card__head">
          <span className="shipment-card__number">{s.orderNumber}</span>
          <ShipmentStatusChip status={s.status} />
        </p>
        <p className="muted">
          {s.contactName} · {s.city} {s.district}
        </p>
      </div>
      <p>
        <span className="visually-hidden">{t("fulfil.list.contents")}: </span>
        {s.items.map((i, n) => (
          <span key={n}>
            {n ? " · " : ""}
            {i.name} {t("fulfil.detail.quantity", { count: i.quantity })}
          </span>
        ))}
      </p>
      <div>
        <ShipmentProgress shipment={s} />
      </div>
      <Link
        className={`button button--small shipment-card__action${todo ? "" : " button--ghost"}`}
        to={`${base}/${s.id}`}
        aria-label={t(todo ? "fulfil.list.openNamed" : "fulfil.list.viewNamed", {
          number: s.orderNumber,
        })}
      >
        {todo ? t("fulfil.list.open") : t("fulfil.list.view")}
      </Link>
    </li>
  );
}

function Pagination({ status, page, pageCount, base }: PageProps) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const pageLink = (n: number) => `${base}?${new URLSearchParams({ status, page: String(n) })}`;
  return (
    <nav className="pagination" aria-label={t("fulfil.list.pagination")}>
      {page > 1 ? <Link to={pageLink(page - 1)}>{t("fulfil.list.prev")}</Link> : null}
      <span>{t("fulfil.list.pageOf", { page, pageCount })}</span>
      {page < pageCount ? <Link to={pageLink(page + 1)}>{t("fulfil.list.next")}</Link> : null}
    </nav>
  );
}

interface PageProps {
  status: string;
  page: number;
  pageCount: number;
  base: string;
}

export default function CoopShipments() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/coop/${data.cooperative.slug}/shipments`;
  return (
    <section aria-labelledby="shipments-title">
      <h1 id="shipments-title">{t("fulfil.list.title")}</h1>
      <nav className="filter-tabs" aria-label={t("fulfil.list.filter")}>
        {SHIPMENT_FILTERS.map((f) => (
          <Link
            key={f}
            to={f === "open" ? base : `${base}?status=${f}`}
            aria-current={f === data.status ? "page" : undefined}
          >
            {t(`fulfil.filters.${f}`)}
          </Link>
        ))}
      </nav>
      <p className="muted">
        {t("fulfil.list.count", { count: data.total })} · {t("fulfil.timeZoneNote")}
      </p>
      {data.shipments.length ? (
        <ul className="shipment-list">
          {data.shipments.map((s) => (
            <ShipmentCard key={s.id} shipment={s} base={base} />
          ))}
        </ul>
      ) : (
        <p className="empty">{t("fulfil.list.empty")}</p>
      )}
      <Pagination status={data.status} page={data.page} pageCount={data.pageCount} base={base} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
