import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";

/** The product's picture and, unless archived, the form that replaces it. */
export function ImagePanel({
  product,
  form,
  reply,
  busy,
}: {
  product: { name: string; image: string };
  /** where the form posts and which saved state it starts from; null when archived */
  form: { self: string; version: number } | null;
  reply: FormReply | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const error = reply?.errors.image;
  return (
    <section className="panel" aria-labelledby="image-title">
      <h2 id="image-title">{t("portal.image.title")}</h2>
      <img
        src={product.image}
        alt={t("portal.image.alt", { name: product.name })}
        width={400}
        height={300}
        className="portal-image"
      />
      {form ? (
        <Form
          method="post"
          action={form.self}
          encType="multipart/form-data"
          key={`image-${form.version}`}
        >
          <input type="hidden" name="intent" value="image" />
          <div className={error ? "field field--invalid" : "field"}>
            <label htmlFor="field-image">{t("portal.image.file")}</label>
            <input
              id="field-image"
              type="file"
              name="image"
              accept="image/jpeg,image/png,image/webp"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "field-image-error field-image-hint" : "field-image-hint"}
            />
            <p className="field-hint" id="field-image-hint">
              {t("portal.image.hint")}
            </p>
            {error ? (
              <p className="field-error" id="field-image-error" role="alert">
                {message(error, reply?.params?.image)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("portal.image.uploading") : t("portal.image.upload")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
