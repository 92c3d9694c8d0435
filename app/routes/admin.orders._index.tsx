import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
import { searchAdminOrders } from "~/domain/admin/order-search.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import { getDb } from "~/utils/db.server";
import { requireAdmin } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.adminOrders"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const typed = new URL(request.url).searchParams.get("q") ?? "";
  const found = await searchAdminOrders(await getDb(), typed);
  return json(found, { headers: { "Cache-Control": "private, no-store" } });
}

type AdminOrderRow = SerializeFrom<typeof loader>["orders"][number];

export default function AdminOrders() {
  const { q, searched, searchError, orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t("refund.list.title")}</h1>
      <p className="section__lead">{t("refund.list.lead")}</p>
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
