import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOrderHistory, normalizeOrderSearch } from "~/domain/account/order-history.server";
import { ORDER_TABS, asOrderTab, type OrderTab } from "~/domain/account/order-tabs";
import { Money } from "~/components/money";
import { Pagination } from "~/components/pagination";
import { PickupStatusBadge } from "~/components/pickup-status-badge";
import accountBookCss from "~/styles/account-book.css";
import { decimalInteger } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountBookCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.accountOrders"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const url = new URL(request.url);
  const tab = asOrderTab(url.searchParams.get("tab"));
  const search = normalizeOrderSearch(url.searchParams.get("q"));
  const page = decimalInteger(url.searchParams.get("page") ?? "1") || 1;
  const history = await listOrderHistory(db, user.id, { tab, search, page });
  return json({ tab, search, ...history }, { headers: { "Cache-Control": "private, no-store" } });
}

/** The tab's link: a plain GET that keeps the search and starts at page 1. */
function tabHref(tab: OrderTab, search: string) {
  const params = new URLSearchParams();
  if (tab !== "all") params.set("tab", tab);
  if (search) params.set("q", search);
  const query = params.toString();
  return query ? `/account/orders?${query}` : "/account/orders";
}

function OrderTabs({ current, search }: { current: OrderTab; search: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("accountBook.orders.tabsLabel")}>
      <ul className="order-tabs">
        {ORDER_TABS.map((tab) => (
          <li key={tab}>
            <Link to={tabHref(tab, search)} aria-current={tab === current ? "page" : undefined}>
              {t(`accountBook.orders.tabs.${tab}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SearchForm({ tab, search }: { tab: OrderTab; search: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="order-search" role="search">
      {tab !== "all" ? <input type="hidden" name="tab" value={tab} /> : null}
      <div className="field">
        <label htmlFor="order-search">{t("accountBook.orders.searchLabel")}</label>
        <input
          id="order-search"
          name="q"
          type="search"
          defaultValue={search}
          maxLength={20}
          placeholder={t("accountBook.orders.searchPlaceholder")}
          autoCapitalize="characters"
        />
      </div>
      <button type="submit" className="button">
        {t("accountBook.orders.search")}
      </button>
      {search ? <Link to={tabHref(tab, "")}>{t("accountBook.orders.clear")}</Link> : null}
    </Form>
  );
}

export default function OrderHistory() {
  const { tab, search, orders, total, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <div className="account">
      <p>
        <Link to="/account">{t("accountBook.backToAccount")}</Link>
      </p>
      <h1>{t("accountBook.orders.title")}</h1>
      <OrderTabs current={tab} search={search} />
      <SearchForm tab={tab} search={search} />
      {orders.length ? (
        <>
          <p className="muted">{t("accountBook.orders.count", { count: total })}</p>
          <ul className="history-list">
            {orders.map((order) => (
              <li key={order.number} className="history-card" data-testid="history-order">
                <div className="history-card__head">
                  <Link to={`/orders/${order.number}`}>{order.number}</Link>
                  <PickupStatusBadge status={order.status} pickup={order.pickup} />
                </div>
                <p>
                  {t(order.items > 1 ? "accountBook.orders.items" : "accountBook.orders.itemsOne", {
                    name: en ? order.firstNameEn : order.firstNameZh,
                    count: order.items,
                  })}
                </p>
                <p className="muted">
                  {t("accountBook.orders.placedAt")}{" "}
                  {new Date(order.createdAt).toLocaleString(en ? "en-GB" : "zh-CN", {
                    timeZone: "Asia/Shanghai",
                    dateStyle: "medium",
                    timeStyle: "short",
                  })}
                </p>
                <p>
                  {t("accountBook.orders.total")} <Money fen={order.totalFen} />
                  {order.aidEligibleFen > 0 ? (
                    <span className="aid-figure">
                      {" · "}
                      {t("accountBook.orders.aid")} <Money fen={order.aidEligibleFen} />
                    </span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pages} />
        </>
      ) : (
        <p>
          {search ? t("accountBook.orders.emptySearch", { search }) : t("accountBook.orders.empty")}{" "}
          {tab !== "all" || search ? (
            <Link to="/account/orders">{t("accountBook.orders.all")}</Link>
          ) : null}
        </p>
      )}
    </div>
  );
}
