import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { coopDashboard, LOW_STOCK_THRESHOLD } from "~/domain/coop/dashboard.server";
import { listCoopShipments } from "~/domain/orders/shipments.server";
import { portalCooperative } from "~/domain/coop/portal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import { storeContext } from "~/utils/request.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopDashboard", { coop: data.cooperative.name }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const now = new Date();
  const [board, next] = await Promise.all([
    coopDashboard(db, cooperative.id, now, locale),
    listCoopShipments(db, cooperative.id, { status: "open", now, locale, pageSize: 5 }),
  ]);
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      board,
      lowStockThreshold: LOW_STOCK_THRESHOLD,
      next: next.shipments.map((s) => ({
        id: s.id,
        orderNumber: s.orderNumber,
        status: s.status,
        coldChain: s.coldChain,
        shipBy: s.shipBy,
        late: s.late,
        units: s.items.reduce((n, i) => n + i.quantity, 0),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type DashboardData = SerializeFrom<typeof loader>;

/** The month's figures and what needs doing, each a link to where it is done. */
function StatGrid({ board, base }: { board: DashboardData["board"]; base: string }) {
  const { t } = useTranslation();
  return (
    <ul className="stat-grid">
      <li>
        <Link className="stat" to={`${base}/shipments`} data-testid="stat-to-ship">
          <span className="stat__label">{t("fulfil.dashboard.toShip")}</span>
          <span className="stat__value">{board.toShip}</span>
        </Link>
      </li>
      <li>
        <Link
          className={board.late ? "stat stat--warn" : "stat"}
          to={`${base}/shipments?status=late`}
          data-testid="stat-late"
        >
          <span className="stat__label">{t("fulfil.dashboard.late")}</span>
          <span className="stat__value">{board.late}</span>
          <span className="field-hint">{t("fulfil.dashboard.lateHint")}</span>
        </Link>
      </li>
      <li className="stat">
        <span className="stat__label">
          {t("fulfil.dashboard.monthSales")} ·{" "}
          {t("fulfil.dashboard.month", { year: board.year, month: board.month })}
        </span>
        <Money className="stat__value" fen={board.monthSalesFen} />
      </li>
      <li className="stat stat--aid">
        <span className="stat__label">{t("fulfil.dashboard.monthAid")}</span>
        <Money className="stat__value" fen={board.monthAidFen} />
      </li>
      <li className="stat">
        <span className="stat__label">{t("fulfil.dashboard.monthOrders")}</span>
        <span className="stat__value">{board.monthOrders}</span>
      </li>
    </ul>
  );
}

/** The next parcels to send, deadline first. */
function NextToShip({ next, base }: { next: DashboardData["next"]; base: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="next-title">
      <h2 id="next-title">{t("fulfil.dashboard.nextToShip")}</h2>
      {next.length ? (
        <ul className="plain-list">
          {next.map((s) => (
            <li key={s.id}>
              <span>
                <Link to={`${base}/shipments/${s.id}`}>{s.orderNumber}</Link>{" "}
                <span className="muted">{t("fulfil.detail.quantity", { count: s.units })}</span>
                {s.coldChain ? (
                  <span className="tag tag--cold">{t("fulfil.coldChain")}</span>
                ) : null}
                {s.late ? <span className="tag tag--warn">{t("fulfil.late")}</span> : null}
              </span>
              <span>
                {s.shipBy ? (
                  <span className={s.late ? "deadline deadline--late" : "deadline"}>
                    <ShanghaiTime at={s.shipBy} />{" "}
                  </span>
                ) : null}
                <ShipmentStatusChip status={s.status} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("fulfil.dashboard.noneToShip")}</p>
      )}
      <p>
        <Link to={`${base}/shipments`}>{t("fulfil.dashboard.allShipments")}</Link>
      </p>
    </section>
  );
}

function LowStock({ data, base }: { data: DashboardData; base: string }) {
  const { t } = useTranslation();
  const { lowStock } = data.board;
  return (
    <section className="panel" aria-labelledby="low-stock-title">
      <h2 id="low-stock-title">{t("fulfil.dashboard.lowStock")}</h2>
      <p className="field-hint">
        {t("fulfil.dashboard.lowStockLead", { threshold: data.lowStockThreshold })}
      </p>
      {lowStock.length ? (
        <ul className="plain-list" data-testid="low-stock">
          {lowStock.map((p) => (
            <li key={p.id}>
              <span>
                {p.name} <span className="muted">{p.unit}</span>
              </span>
              <span className={p.stock === 0 ? "stock stock--out" : "stock stock--low"}>
                {t("fulfil.dashboard.stockLeft", { count: p.stock })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("fulfil.dashboard.lowStockNone")}</p>
      )}
      <p>
        <Link to={`${base}/products`}>{t("fulfil.dashboard.manageProducts")}</Link>
      </p>
    </section>
  );
}

export default function CoopDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/coop/${data.cooperative.slug}`;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("fulfil.dashboard.title")}</h1>
      <StatGrid board={data.board} base={base} />
      <div className="portal-columns">
        <NextToShip next={data.next} base={base} />
        <LowStock data={data} base={base} />
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
