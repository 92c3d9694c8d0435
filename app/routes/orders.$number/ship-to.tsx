import { useTranslation } from "react-i18next";
import type { getOrderDetail } from "~/domain/orders/orders.server";

type Order = Pick<
  Awaited<ReturnType<typeof getOrderDetail>>,
  | "contactName"
  | "phoneMasked"
  | "province"
  | "city"
  | "district"
  | "street"
  | "buyerType"
  | "orgName"
>;

/** Who receives the order and where; a pickup order's place is its counter, shown above. */
export function ShipTo({ order, pickup }: { order: Order; pickup: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ship-title" className="section">
      <h2 id="ship-title">{t("order.shipTo")}</h2>
      <p>
        {order.contactName} · {order.phoneMasked}
      </p>
      {/* a pickup order's address is its counter's, shown above */}
      {pickup ? null : (
        <p>
          {order.province} {order.city} {order.district} {order.street}
        </p>
      )}
      <p className="muted">
        {t(`buyerType.${order.buyerType}`)}
        {order.orgName ? ` · ${order.orgName}` : ""}
      </p>
    </section>
  );
}
