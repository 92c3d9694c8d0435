import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * An order link opened without its access (another device, another browser): how to reach
 * the order, and nothing of it. A missing order looks the same, so numbers cannot be probed.
 */
export function LockedOrder({ number }: { number: string }) {
  const { t } = useTranslation();
  const back = `/orders/${number}`;
  return (
    <article className="order order--locked" data-testid="order-locked">
      <h1>{t("afterSales.locked.title", { number })}</h1>
      <p>{t("afterSales.locked.lead")}</p>
      <ul className="locked-ways">
        <li>
          <Link className="button" to={`/orders/lookup?number=${encodeURIComponent(number)}`}>
            {t("afterSales.locked.lookup")}
          </Link>
        </li>
        <li>
          <Link
            className="button button--ghost"
            to={`/login?redirectTo=${encodeURIComponent(back)}`}
          >
            {t("afterSales.locked.login")}
          </Link>
        </li>
      </ul>
      <p className="muted">{t("afterSales.locked.hidden")}</p>
    </article>
  );
}
