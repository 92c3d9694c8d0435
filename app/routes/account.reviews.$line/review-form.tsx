import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  BODY_MAX,
  BODY_MIN,
  MAX_REVIEW_PICTURES,
  RATINGS,
} from "~/domain/buyer-reviews/buyer-review-fields";
import { FormAlert } from "~/components/form-alert";
import { Stars } from "~/components/buyer-reviews/stars";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

/** Stars as a radio group, the text and up to three pictures: a plain multipart form. */
export function ReviewForm({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const describe = (name: string, hint: boolean) =>
    [errors[name] ? `${name}-error` : null, hint ? `${name}-hint` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`} role="alert">
        {message(errors[name], reply?.params?.[name])}
      </p>
    ) : null;
  return (
    <Form method="post" encType="multipart/form-data" className="review-form" noValidate>
      <FormAlert reply={reply} />
      <RatingField error={errors.rating ? message(errors.rating) : null} chosen={values.rating} />
      <div className={errors.body ? "field field--invalid" : "field"}>
        <label htmlFor="review-body">
          {t("buyerReviews.form.body")}{" "}
          <span aria-hidden="true" className="required">
            *
          </span>
        </label>
        <textarea
          id="review-body"
          name="body"
          required
          maxLength={BODY_MAX}
          defaultValue={values.body ?? ""}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describe("body", true)}
        />
        <p className="field-hint" id="body-hint">
          {t("buyerReviews.form.bodyHint", { min: BODY_MIN, max: BODY_MAX })}
        </p>
        {fieldError("body")}
      </div>
      <div className={errors.pictures ? "field field--invalid" : "field"}>
        <label htmlFor="review-pictures">
          {t("buyerReviews.form.pictures")} <span className="optional">{t("forms.optional")}</span>
        </label>
        <input
          id="review-pictures"
          type="file"
          name="pictures"
          multiple
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errors.pictures ? true : undefined}
          aria-describedby={describe("pictures", true)}
        />
        <p className="field-hint" id="pictures-hint">
          {t("buyerReviews.form.picturesHint", { max: MAX_REVIEW_PICTURES })}
        </p>
        {fieldError("pictures")}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("buyerReviews.form.submitting") : t("buyerReviews.form.submit")}
      </button>
    </Form>
  );
}

/** 1–5 stars as radio buttons: works without JavaScript, each named in words. */
function RatingField({ error, chosen }: { error: string | null; chosen: string | undefined }) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={error ? "rating-choices field--invalid" : "rating-choices"}
      aria-describedby={error ? "rating-error" : undefined}
    >
      <legend>
        {t("buyerReviews.form.rating")}{" "}
        <span aria-hidden="true" className="required">
          *
        </span>
      </legend>
      {RATINGS.map((rating) => (
        <label key={rating}>
          <input
            type="radio"
            name="rating"
            value={rating}
            defaultChecked={chosen === String(rating)}
            required
          />
          <Stars rating={rating} />
          <span>{t(`buyerReviews.form.ratingNames.${rating}`)}</span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id="rating-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
