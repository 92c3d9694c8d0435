import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REPLY_MAX, REPLY_MIN } from "~/domain/buyer-reviews/buyer-review-fields";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { ReviewPictures } from "./review-pictures";
import { Stars } from "./stars";

export interface CoopReview {
  id: number;
  reviewer: string;
  rating: number;
  body: string;
  at: string;
  productName: string;
  productSlug: string;
  reply: { body: string; at: string; by: string } | null;
  hidden: boolean;
  pictures: string[];
}

/** One review of the cooperative's product, with its reply or the form to write the one reply. */
export function CoopReviewItem({
  review,
  reply,
}: {
  review: CoopReview;
  /** the action's answer, when it was about this review */
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const id = `reply-${review.id}`;
  const error = reply?.errors.reply ?? reply?.formError;
  return (
    <li className="buyer-review" data-testid="coop-review">
      <p className="buyer-review__head">
        <Link to={`/products/${review.productSlug}`}>{review.productName}</Link>
        <strong>{review.reviewer}</strong> <Stars rating={review.rating} />
        <span className="muted">{review.at}</span>
      </p>
      <p className="buyer-review__body">{review.body}</p>
      <ReviewPictures pictures={review.pictures} />
      {review.reply ? (
        <div className="buyer-review__reply">
          <p className="buyer-review__reply-head">
            {t("buyerReviews.coop.repliedBy", { name: review.reply.by, at: review.reply.at })}
          </p>
          <p>{review.reply.body}</p>
        </div>
      ) : review.hidden ? (
        <p className="buyer-review__hidden">{t("buyerReviews.coop.hidden")}</p>
      ) : (
        <Form method="post" className="review-form">
          <input type="hidden" name="reviewId" value={review.id} />
          <div className={error ? "field field--invalid" : "field"}>
            <label htmlFor={id}>{t("buyerReviews.coop.replyLabel")}</label>
            <textarea
              id={id}
              name="reply"
              required
              maxLength={REPLY_MAX}
              defaultValue={reply?.values.reply ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
            />
            <p className="field-hint" id={`${id}-hint`}>
              {t("buyerReviews.coop.replyHint", { min: REPLY_MIN, max: REPLY_MAX })}
            </p>
            {error ? (
              <p className="field-error" id={`${id}-error`} role="alert">
                {message(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--small">
            {t("buyerReviews.coop.send")}
          </button>
        </Form>
      )}
    </li>
  );
}
