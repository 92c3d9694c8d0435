import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { searchAdminOrders } from "~/domain/admin/order-search.server";
import { UNCOLLECTED_DAYS } from "~/domain/pickup/pickup-code";
import { countUncollected, listUncollected } from "~/domain/pickup/uncollected.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import { getDb } from "~/utils/db.server";
import { storeContext } from "~/utils/request.server";
import { requireAdmin } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import pickupCss from "~/styles/pickup.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: pickupCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.adminOrders"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const search = new URL(request.url).searchParams;
  const db = await getDb();
  const { locale } = await storeContext(request);
  // ?uncollected=1: pickup orders not collected within 7 days of payment (ADR 048)
  const showUncollected = search.get("uncollected") === "1";
  const [found, uncollectedCount, uncollected] = await Promise.all([
    searchAdminOrders(db, showUncollected ? "" : (search.get("q") ?? "")),
    countUncollected(db),
    showUncollected ? listUncollected(db, locale) : Promise.resolve(null),
  ]);
  return json(
    { ...found, uncollectedCount, uncollected },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type AdminOrderRow = SerializeFrom<typeof loader>["orders"][number];
type UncollectedRow = NonNullable<SerializeFrom<typeof loader>["uncollected"]>[number];

function OrderListTabs({ uncollected, count }: { uncollected: boolean; count: number }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("refund.list.title")}>
      <ul className="pickup-tabs">
        <li>
          <Link to="/admin/orders" aria-current={uncollected ? undefined : "page"}>
            {t("pickup.uncollected.all")}
          </Link>
        </li>
        <li>
          <Link
            to="/admin/orders?uncollected=1"
            aria-current={uncollected ? "page" : undefined}
            data-testid="uncollected-tab"
          >
            {t("pickup.uncollected.tab")} ({count})
          </Link>
        </li>
      </ul>
    </nav>
  );
}

function UncollectedOrders({ orders }: { orders: UncollectedRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="uncollected-title">
      <h2 id="uncollected-title">{t("pickup.uncollected.title")}</h2>
      <p className="section__lead">{t("pickup.uncollected.lead", { days: UNCOLLECTED_DAYS })}</p>
      {orders.length ? (
        <TableScroll labelledBy="uncollected-title">
          <table className="certs" data-testid="uncollected-orders">
            <ColumnHeads
              columns={[
                { label: t("refund.list.number") },
                { label: t("pickup.uncollected.counter") },
                { label: t("refund.list.contact") },
                { label: t("refund.list.total"), numeric: true },
                { label: t("refund.list.paidAt") },
                { label: t("pickup.uncollected.waiting"), numeric: true },
              ]}
            />
            <tbody>
              {orders.map((order) => (
                <tr key={order.number}>
                  <td className="nowrap">
                    <Link to={`/admin/orders/${order.number}`}>{order.number}</Link>
                  </td>
                  <td>{order.counter}</td>
                  <td>
                    {order.contactName} <span className="muted">{order.phoneMasked}</span>
                  </td>
                  <td className="num">
                    <Money fen={order.totalFen} />
                  </td>
                  <td className="nowrap">{shanghaiDateTime(order.paidAt)}</td>
                  <td className="num">{order.daysWaiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty">{t("pickup.uncollected.empty")}</p>
      )}
    </section>
  );
}

export default function AdminOrders() {
  const { q, searched, searchError, orders, uncollected, uncollectedCount } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (uncollected) {
    return (
      <section aria-labelledby="orders-title">
        <h1 id="orders-title">{t("refund.list.title")}</h1>
        <OrderListTabs uncollected count={uncollectedCount} />
        <UncollectedOrders orders={uncollected} />
      </section>
    );
  }
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t("refund.list.title")}</h1>
      <p className="section__lead">{t("refund.list.lead")}</p>
      <OrderListTabs uncollected={false} count={uncollectedCount} />
      <OrderSearchForm q={q} searchError={searchError} />
      <section className="section" aria-labelledby="orders-list-title">
        <h2 id="orders-list-title">
          {searched
            ? t("refund.list.resultsTitle", { count: orders.length })
            : t("refund.list.recentTitle")}
        </h2>
        {orders.length ? (
          <OrdersTable orders={orders} />
        ) : (
          <p className="empty">{searched ? t("refund.list.noMatch") : t("refund.list.empty")}</p>
        )}
      </section>
    </section>
  );
}

function OrderSearchForm({ q, searchError }: { q: string; searchError: string | null }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <Form method="get" className="office-panel" role="search">
      <div className={searchError ? "field field--invalid" : "field"}>
        <label htmlFor="field-q">{t("refund.list.searchLabel")}</label>
        <input
          id="field-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={60}
          autoComplete="off"
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? "field-q-error field-q-hint" : "field-q-hint"}
        />
        <p className="field-hint" id="field-q-hint">
          {t("refund.list.searchHint")}
        </p>
        {searchError ? (
          <p className="field-error" id="field-q-error">
            {message(searchError)}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {t("refund.list.search")}
        </button>
        {q ? (
          <Link to="/admin/orders" className="button button--ghost">
            {t("refund.list.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function OrdersTable({ orders }: { orders: AdminOrderRow[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="orders-list-title">
      <table className="certs" data-testid="admin-orders">
        <ColumnHeads
          columns={[
            { label: t("refund.list.number") },
            { label: t("refund.list.status") },
            { label: t("refund.list.contact") },
            { label: t("refund.list.total"), numeric: true },
            { label: t("refund.list.refunded"), numeric: true },
            { label: t("refund.list.paidAt") },
          ]}
        />
        <tbody>
          {orders.map((order) => (
            <tr key={order.number}>
              <td className="nowrap">
                <Link to={`/admin/orders/${order.number}`}>{order.number}</Link>
              </td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>
                {order.contactName} <span className="muted">{order.phoneMasked}</span>
                {order.orgName ? <div className="muted">{order.orgName}</div> : null}
              </td>
              <td className="num">
                <Money fen={order.totalFen} />
              </td>
              <td className="num">{order.refundedFen ? <Money fen={order.refundedFen} /> : "—"}</td>
              <td className="nowrap">
                {order.paidAt ? shanghaiDateTime(order.paidAt) : t("refund.list.notPaid")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
