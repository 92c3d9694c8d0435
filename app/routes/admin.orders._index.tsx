import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findAdminOrders, parseOrderSearch } from "~/domain/admin/order-search.server";
import { AdminNav } from "~/components/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.adminOrders"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 60);
  const search = q.trim() ? parseOrderSearch(q) : null;
  const searchError = q.trim() && !search ? "refund.errors.search" : null;
  // a search that cannot match anything still shows the recent orders below the message
  const orders = await findAdminOrders(await getDb(), search);
  return json(
    { q, searched: Boolean(search), searchError, orders },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AdminOrders() {
  const { q, searched, searchError, orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <section aria-labelledby="orders-title">
      <AdminNav />
      <h1 id="orders-title">{t("refund.list.title")}</h1>
      <p className="section__lead">{t("refund.list.lead")}</p>

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

      <section className="section" aria-labelledby="orders-list-title">
        <h2 id="orders-list-title">
          {searched
            ? t("refund.list.resultsTitle", { count: orders.length })
            : t("refund.list.recentTitle")}
        </h2>
        {orders.length ? (
          <TableScroll labelledBy="orders-list-title">
            <table className="certs" data-testid="admin-orders">
              <thead>
                <tr>
                  <th scope="col">{t("refund.list.number")}</th>
                  <th scope="col">{t("refund.list.status")}</th>
                  <th scope="col">{t("refund.list.contact")}</th>
                  <th scope="col" className="num">
                    {t("refund.list.total")}
                  </th>
                  <th scope="col" className="num">
                    {t("refund.list.refunded")}
                  </th>
                  <th scope="col">{t("refund.list.paidAt")}</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.number}>
                    <td className="nowrap">
                      <Link to={`/admin/orders/${o.number}`}>{o.number}</Link>
                    </td>
                    <td>
                      <StatusBadge status={o.status} />
                    </td>
                    <td>
                      {o.contactName} <span className="muted">{o.phoneMasked}</span>
                      {o.orgName ? <div className="muted">{o.orgName}</div> : null}
                    </td>
                    <td className="num">
                      <Money fen={o.totalFen} />
                    </td>
                    <td className="num">{o.refundedFen ? <Money fen={o.refundedFen} /> : "—"}</td>
                    <td className="nowrap">
                      {o.paidAt ? shanghaiDateTime(o.paidAt) : t("refund.list.notPaid")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="empty">{searched ? t("refund.list.noMatch") : t("refund.list.empty")}</p>
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
