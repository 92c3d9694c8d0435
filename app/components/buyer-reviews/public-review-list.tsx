import { useTranslation } from "react-i18next";
import { ReviewPictures } from "./review-pictures";
import { Stars } from "./stars";

export interface PublicReview {
  id: number;
  reviewer: string;
  rating: number;
  body: string;
  date: string;
  pictures: string[];
  reply: { body: string; date: string } | null;
}

/** Shown reviews, newest first: masked name, stars, text, pictures, the cooperative's reply. */
export function PublicReviewList({ reviews }: { reviews: PublicReview[] }) {
  const { t } = useTranslation();
  return (
    <ol className="buyer-reviews">
      {reviews.map((review) => (
        <li key={review.id} className="buyer-review" data-testid="buyer-review">
          <p className="buyer-review__head">
            <strong>{review.reviewer}</strong> <Stars rating={review.rating} />{" "}
            <span className="muted">
              <time dateTime={review.date}>{review.date}</time> · {t("buyerRatings.verified")}
            </span>
          </p>
          <p className="buyer-review__body">{review.body}</p>
          <ReviewPictures pictures={review.pictures} />
          {review.reply ? (
            <div className="buyer-review__reply" data-testid="buyer-review-reply">
              <p className="buyer-review__reply-head">
                {t("buyerRatings.reply")}{" "}
                <time className="muted" dateTime={review.reply.date}>
                  {review.reply.date}
                </time>
              </p>
              <p>{review.reply.body}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
