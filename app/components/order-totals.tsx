import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";

/** Subtotal, shipping (or "free") and total, as the cart, checkout and order pages list them. */
export function OrderTotals({
  subtotalFen,
  shippingFen,
  totalFen,
  className,
  totalTestId,
}: {
  subtotalFen: number;
  shippingFen: number;
  totalFen: number;
  className?: string;
  totalTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <dl className={className}>
      <div>
        <dt>{t("cart.subtotal")}</dt>
        <dd>
          <Money fen={subtotalFen} />
        </dd>
      </div>
      <div>
        <dt>{t("cart.shipping")}</dt>
        <dd>{shippingFen ? <Money fen={shippingFen} /> : t("cart.freeShipping")}</dd>
      </div>
      <div className="summary__total">
        <dt>{t("cart.total")}</dt>
        <dd data-testid={totalTestId}>
          <Money fen={totalFen} />
        </dd>
      </div>
    </dl>
  );
}
