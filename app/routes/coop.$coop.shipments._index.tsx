import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SHIPMENT_FILTERS } from "~/domain/orders/shipment-rules";
import { listCoopShipments } from "~/domain/orders/shipments.server";
import { CoopNav } from "~/components/coop-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CarrierName, ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import fulfilCss from "~/styles/fulfil.css";
import { storeContext } from "~/utils/request.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { shipListQuery as query } from "~/domain/orders/shipment-input";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fulfilCss }];

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
  const { status, page } = query.parse({
    status: search.get("status") ?? undefined,
    page: search.get("page") ?? undefined,
  });
  const list = await listCoopShipments(db, cooperative.id, { status, page, locale });
  return json(
    {
      cooperative: {
        slug: cooperative.slug,
        name: locale === "en" ? cooperative.name_en : cooperative.name_zh,
      },
      ...list,
      shipments: list.shipments.map((s) => ({
        id: s.id,
        order_number: s.order_number,
        contact_name: s.contact_name,
        city: s.city,
        district: s.district,
        status: s.status,
        cold_chain: s.cold_chain,
        ship_by: s.ship_by,
        late: s.late,
        carrier: s.carrier,
        tracking_number: s.tracking_number,
        shipped_at: s.shipped_at,
        items: s.items,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CoopShipments() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/coop/${data.cooperative.slug}/shipments`;
  const pageLink = (page: number) =>
    `${base}?${new URLSearchParams({ status: data.status, page: String(page) })}`;
  return (
    <section aria-labelledby="shipments-title">
      <CoopNav slug={data.cooperative.slug} name={data.cooperative.name} />
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
          {data.shipments.map((s) => {
            const todo = s.status === "pending" || s.status === "packed";
            return (
              <li
                key={s.id}
                className={s.late ? "shipment-card shipment-card--late" : "shipment-card"}
                data-testid="coop-shipment"
                data-late={s.late ? "true" : undefined}
              >
                <div>
                  <p className="shipment-card__head">
                    <span className="shipment-card__number">{s.order_number}</span>
                    <ShipmentStatusChip status={s.status} />
                  </p>
                  <p className="muted">
                    {s.contact_name} · {s.city} {s.district}
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
                  {s.status === "shipped" || s.status === "delivered" ? (
                    <p>
                      <CarrierName carrier={s.carrier} />{" "}
                      <span className="tracking">{s.tracking_number}</span>
                    </p>
                  ) : s.ship_by ? (
                    <p className={s.late ? "deadline deadline--late" : "deadline"}>
                      <span className="tag tag--cold">{t("fulfil.coldChain")}</span>{" "}
                      {s.late ? <span className="tag tag--warn">{t("fulfil.late")}</span> : null}{" "}
                      {t("fulfil.list.deadline")} <ShanghaiTime at={s.ship_by} />
                    </p>
                  ) : (
                    <p className="muted">
                      {t("fulfil.list.deadline")} {t("fulfil.list.noDeadline")}
                    </p>
                  )}
                </div>
                <Link
                  className={`button button--small shipment-card__action${todo ? "" : " button--ghost"}`}
                  to={`${base}/${s.id}`}
                  aria-label={t(todo ? "fulfil.list.openNamed" : "fulfil.list.viewNamed", {
                    number: s.order_number,
                  })}
                >
                  {todo ? t("fulfil.list.open") : t("fulfil.list.view")}
                </Link>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="empty">{t("fulfil.list.empty")}</p>
      )}
      {data.pageCount > 1 ? (
        <nav className="pagination" aria-label={t("fulfil.list.pagination")}>
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t("fulfil.list.prev")}</Link> : null}
          <span>{t("fulfil.list.pageOf", { page: data.page, pageCount: data.pageCount })}</span>
          {data.page < data.pageCount ? (
            <Link to={pageLink(data.page + 1)}>{t("fulfil.list.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
