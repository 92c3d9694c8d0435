import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getOrderDetail } from "~/domain/orders/orders.server";
import { Money } from "~/components/money";
import { OrderTotals } from "~/components/order-totals";

type Order = Pick<
  Awaited<ReturnType<typeof getOrderDetail>>,
  "lines" | "subtotalFen" | "shippingFen" | "totalFen"
>;

/** Units of a line refunded so far (the after-sales part of the page reads the same). */
type LineRefunds = ReadonlyArray<{ id: number; refundedQuantity: number }>;

/**
 * What was bought, from whom and whence, and what the order came to. A line refunded in
 * whole no longer counts as aid (its ledger entry was reversed): it loses the aid badge.
 */
export function OrderLines({ order, refunds = [] }: { order: Order; refunds?: LineRefunds }) {
  const { t } = useTranslation();
  const refundedOf = (id: number) => refunds.find((r) => r.id === id)?.refundedQuantity ?? 0;
  return (
    <section aria-labelledby="lines-title" className="section">
      <h2 id="lines-title">{t("order.items")}</h2>
      <ul className="order__lines">
        {order.lines.map((line) => (
          <li key={line.id} className="order-line" data-testid="order-line">
            <img src={line.image} alt="" width={80} height={60} />
            <div>
              <Link to={`/products/${line.productSlug}`}>{line.name}</Link>
              <p className="muted">
                {line.unit} · {line.cooperativeNameZh}
                {line.countyName ? ` · ${line.countyName}` : ""}
                {line.pairedDistrict
                  ? ` → ${t("product.nanjingDistrict", { district: line.pairedDistrict })}`
                  : ""}
              </p>
              {line.aidEligible && refundedOf(line.id) < line.quantity ? (
                <span className="aid-chip">{t("product.aidCounts")}</span>
              ) : null}
              {refundedOf(line.id) > 0 ? (
                <span className="tag tag--refunded" data-testid="line-refunded">
                  {refundedOf(line.id) >= line.quantity
                    ? t("afterSales.line.fullyRefunded")
                    : t("afterSales.line.refunded", { count: refundedOf(line.id) })}
                </span>
              ) : null}
            </div>
            <p>
              {line.quantity} × <Money fen={line.unitPriceFen} />
            </p>
            <p className="order-line__total">
              <Money fen={line.lineTotalFen} />
            </p>
          </li>
        ))}
      </ul>
      <OrderTotals
        className="totals"
        subtotalFen={order.subtotalFen}
        shippingFen={order.shippingFen}
        totalFen={order.totalFen}
        totalTestId="order-total"
      />
    </section>
  );
}
