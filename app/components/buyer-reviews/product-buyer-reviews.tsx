import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicReviewList, type PublicReview } from "./public-review-list";
import { RatingSummary } from "./stars";

/** The product page's review section: the average and count, the newest few, a "more" link. */
export function ProductBuyerReviews({
  slug,
  reviews,
}: {
  slug: string;
  reviews: { average: number | null; count: number; reviews: PublicReview[] };
}) {
  const { t } = useTranslation();
  return (
    <section
      className="product__section"
      aria-labelledby="buyer-reviews-title"
      id="buyer-reviews"
      data-testid="buyer-reviews"
    >
      <h2 id="buyer-reviews-title">{t("buyerRatings.sectionTitle")}</h2>
      {reviews.count ? (
        <>
          <RatingSummary average={reviews.average} count={reviews.count} />
          <PublicReviewList reviews={reviews.reviews} />
          {reviews.count > reviews.reviews.length ? (
            <p>
              <Link to={`/products/${slug}/reviews`}>
                {t("buyerRatings.more", { count: reviews.count })}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("buyerRatings.none")}</p>
      )}
    </section>
  );
}
