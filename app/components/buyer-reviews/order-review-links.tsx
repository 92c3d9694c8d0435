import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Stars } from "./stars";

/**
 * On the order page, for its signed-in buyer only: each delivered, not refunded line with
 * a "评价" link, or its stars once reviewed. Nothing at all when there is none.
 */
export function OrderReviewLinks({
  lines,
}: {
  lines: Array<{ lineId: number; name: string; rating: number | null }>;
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="order-reviews-title" className="section" data-testid="order-reviews">
      <h2 id="order-reviews-title">{t("buyerReviews.order.title")}</h2>
      <p className="muted">{t("buyerReviews.order.lead")}</p>
      <ul className="review-links">
        {lines.map((line) => (
          <li key={line.lineId}>
            <span>{line.name}</span>
            {line.rating === null ? (
              <Link
                to={`/account/reviews/${line.lineId}`}
                className="button button--small"
                aria-label={t("buyerReviews.order.writeFor", { name: line.name })}
              >
                {t("buyerReviews.order.write")}
              </Link>
            ) : (
              <span className="review-links__done">
                <Stars rating={line.rating} /> {t("buyerReviews.order.done")}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
