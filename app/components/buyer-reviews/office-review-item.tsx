import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HIDE_REASON_MAX, HIDE_REASON_MIN } from "~/domain/buyer-reviews/buyer-review-fields";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { ReviewPictures } from "./review-pictures";
import { Stars } from "./stars";

export interface OfficeReview {
  id: number;
  reviewer: string;
  rating: number;
  body: string;
  at: string;
  productName: string;
  productSlug: string;
  cooperativeName: string;
  reply: string | null;
  hidden: { at: string; by: string; reason: string } | null;
  pictures: string[];
}

/** One review for the office: who hid it and why, or the form to hide it with a reason. */
export function OfficeReviewItem({
  review,
  reply,
}: {
  review: OfficeReview;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const id = `reason-${review.id}`;
  const error = reply?.errors.reason ?? reply?.formError;
  return (
    <li className="buyer-review" data-testid="office-review">
      <p className="buyer-review__head">
        <Link to={`/products/${review.productSlug}`}>{review.productName}</Link>
        <span className="muted">{review.cooperativeName}</span>
      </p>
      <p className="buyer-review__head">
        <strong>{t("buyerReviews.office.reviewer", { name: review.reviewer })}</strong>{" "}
        <Stars rating={review.rating} /> <span className="muted">{review.at}</span>
      </p>
      <p className="buyer-review__body">{review.body}</p>
      <ReviewPictures pictures={review.pictures} />
      {review.reply ? (
        <div className="buyer-review__reply">
          <p className="buyer-review__reply-head">{t("buyerRatings.reply")}</p>
          <p>{review.reply}</p>
        </div>
      ) : null}
      {review.hidden ? (
        <p className="buyer-review__hidden" data-testid="hidden-record">
          {t("buyerReviews.office.hiddenBy", {
            name: review.hidden.by,
            at: review.hidden.at,
            reason: review.hidden.reason,
          })}
        </p>
      ) : (
        <Form method="post" className="review-form">
          <input type="hidden" name="reviewId" value={review.id} />
          <div className={error ? "field field--invalid" : "field"}>
            <label htmlFor={id}>{t("buyerReviews.office.reasonLabel")}</label>
            <textarea
              id={id}
              name="reason"
              required
              maxLength={HIDE_REASON_MAX}
              defaultValue={reply?.values.reason ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
            />
            <p className="field-hint" id={`${id}-hint`}>
              {t("buyerReviews.office.reasonHint", { min: HIDE_REASON_MIN, max: HIDE_REASON_MAX })}
            </p>
            {error ? (
              <p className="field-error" id={`${id}-error`} role="alert">
                {message(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--small button--ghost">
            {t("buyerReviews.office.hide")}
          </button>
        </Form>
      )}
    </li>
  );
}
