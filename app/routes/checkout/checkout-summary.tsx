import { useTranslation } from "react-i18next";
import type { CartLine } from "~/domain/cart/cart.server";
import type { CartTotals } from "~/domain/cart/totals";
import { Money } from "~/components/money";
import { OrderTotals } from "~/components/order-totals";

/** What is being ordered and what it comes to, beside the form. */
export function CheckoutSummary({
  lines,
  totals,
  pickupTotalFen,
}: {
  lines: CartLine[];
  totals: CartTotals;
  /** the total when collected at a counter (no shipping), if any counter holds the cart */
  pickupTotalFen: number | null;
}) {
  const { t } = useTranslation();
  return (
    <aside className="summary" aria-labelledby="checkout-summary">
      <h2 id="checkout-summary">{t("cart.summary")}</h2>
      <ul className="summary__lines">
        {lines.map((l) => (
          <li key={l.productId}>
            <span>
              {l.name} × {l.quantity}
            </span>
            <Money fen={l.lineTotalFen} />
          </li>
        ))}
      </ul>
      {/* the delivery totals, or (a counter picked, by CSS) the pickup total: no script needed */}
      <div className="summary__delivery">
        <OrderTotals
          subtotalFen={totals.subtotalFen}
          shippingFen={totals.shipping.totalFen}
          totalFen={totals.totalFen}
          totalTestId="checkout-total"
        />
      </div>
      {pickupTotalFen !== null ? (
        <p className="summary__pickup" data-testid="checkout-pickup-total">
          {t("pickup.summary")} <Money fen={pickupTotalFen} />
        </p>
      ) : null}
      <p className="aid-note">
        {t("cart.aidShare")} <Money fen={totals.aidFen} />
      </p>
    </aside>
  );
}
