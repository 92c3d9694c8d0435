import { useTranslation } from "react-i18next";

/** Five stars, so many filled; the label says it in words for screen readers. */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const { t } = useTranslation();
  const filled = Math.round(rating);
  return (
    <span
      className="stars"
      role="img"
      aria-label={label ?? t("buyerRatings.stars", { rating })}
      data-rating={rating}
    >
      <span className="stars__on" aria-hidden="true">
        {"★".repeat(filled)}
      </span>
      <span className="stars__off" aria-hidden="true">
        {"☆".repeat(5 - filled)}
      </span>
    </span>
  );
}

/** "★★★★★ 4.7 分 · 23 条评价", or nothing when no review is shown. */
export function RatingSummary({
  average,
  count,
  compact = false,
}: {
  average: number | null;
  count: number;
  /** the catalogue card's short form */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (average === null || count === 0) return null;
  const shown = average.toFixed(1);
  return (
    <p className={compact ? "rating rating--compact" : "rating"} data-testid="rating-summary">
      <Stars rating={average} label={t("buyerRatings.average", { average: shown })} />{" "}
      <span>
        {compact
          ? t("buyerRatings.cardSummary", { average: shown, count })
          : t("buyerRatings.summary", { average: shown, count })}
      </span>
    </p>
  );
}
