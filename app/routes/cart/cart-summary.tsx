import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CartTotals } from "~/domain/cart/totals";
import type { ShippingQuote } from "~/domain/checkout/shipping";
import { Money } from "~/components/money";
import { OrderTotals } from "~/components/order-totals";
import { formatFen } from "~/utils/money";

function ShippingHints({ shipping }: { shipping: ShippingQuote }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="shipping-hints">
      {shipping.coldChainFen > 0 || shipping.coldChainToFreeFen > 0 ? (
        <li>{t("cart.coldParcel")}</li>
      ) : null}
      {shipping.ambientToFreeFen > 0 ? (
        <li>
          {t("cart.ambientToFree", { amount: formatFen(shipping.ambientToFreeFen, i18n.language) })}
        </li>
      ) : null}
      {shipping.coldChainToFreeFen > 0 ? (
        <li>
          {t("cart.coldToFree", { amount: formatFen(shipping.coldChainToFreeFen, i18n.language) })}
        </li>
      ) : null}
    </ul>
  );
}

/** The cart's totals, how far each parcel is from free shipping, and the way to checkout. */
export function CartSummary({ totals, blocked }: { totals: CartTotals; blocked: boolean }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <aside className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("cart.summary")}</h2>
      <OrderTotals
        subtotalFen={totals.subtotalFen}
        shippingFen={totals.shipping.totalFen}
        totalFen={totals.totalFen}
      />
      <ShippingHints shipping={totals.shipping} />
      <p className="aid-note">
        {t("cart.aidShare")} <Money fen={totals.aidFen} />
      </p>
      {blocked ? <p className="field-error">{t("cart.fixProblems")}</p> : null}
      {blocked ? (
        <span className="button button--large button--disabled" aria-disabled="true">
          {t("cart.checkout")}
        </span>
      ) : (
        <Link
          to="/checkout"
          className="button button--large"
          aria-busy={navigation.state !== "idle"}
        >
          {t("cart.checkout")}
        </Link>
      )}
    </aside>
  );
}
