import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { listUserOrders } from "~/domain/orders/claim.server";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";

type UserOrder = Awaited<ReturnType<typeof listUserOrders>>[number];

/** The person's orders, newest first, each with the aid it carried. */
export function OrdersTable({ orders }: { orders: UserOrder[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section" aria-labelledby="orders-title">
      <h2 id="orders-title">{t("auth.myOrders")}</h2>
      {orders.length ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("auth.orderNumber")}</th>
              <th scope="col">{t("auth.orderDate")}</th>
              <th scope="col">{t("auth.orderStatus")}</th>
              <th scope="col">{t("auth.orderTotal")}</th>
              <th scope="col">{t("auth.orderAid")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.number} data-testid="account-order">
                <td>
                  <Link to={`/orders/${order.number}`}>{order.number}</Link>
                </td>
                <td>
                  {new Date(order.createdAt).toLocaleString(
                    i18n.language === "en" ? "en-GB" : "zh-CN",
                    { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" },
                  )}
                </td>
                <td>
                  <StatusBadge status={order.status} />
                </td>
                <td>
                  <Money fen={order.totalFen} />
                </td>
                <td className="aid-figure">
                  <Money fen={order.aidEligibleFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          {t("auth.noOrders")} <Link to="/products">{t("cart.browse")}</Link>
        </p>
      )}
    </section>
  );
}
