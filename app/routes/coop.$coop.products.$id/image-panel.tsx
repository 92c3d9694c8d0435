import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_GALLERY } from "~/domain/coop/gallery-limits";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { GalleryList, type GalleryItem } from "./gallery-list";

/** The product's gallery and, unless archived, the forms that order it and add pictures. */
export function ImagePanel({
  product,
  gallery,
  form,
  reply,
  busy,
}: {
  product: { name: string; image: string };
  gallery: GalleryItem[];
  /** where the form posts and which saved state it starts from; null when archived */
  form: { self: string; version: number } | null;
  reply: FormReply | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const error =
    reply?.errors.image ?? reply?.errors.alt ?? reply?.errors.imageId ?? reply?.formError;
  return (
    <section className="panel" aria-labelledby="image-title">
      <h2 id="image-title">{t("portal.image.title")}</h2>
      <p className="field-hint">{t("productManage.lead", { max: MAX_GALLERY })}</p>
      {gallery.length ? (
        <GalleryList gallery={gallery} self={form?.self ?? null} busy={busy} />
      ) : (
        <>
          <img
            src={product.image}
            alt={t("portal.image.alt", { name: product.name })}
            width={400}
            height={300}
            className="portal-image"
          />
          <p className="field-hint">{t("productManage.none")}</p>
        </>
      )}
      {error && !reply?.errors.image && !reply?.errors.alt ? (
        <p className="field-error" role="alert">
          {message(error, { max: MAX_GALLERY })}
        </p>
      ) : null}
      {form ? <UploadForm form={form} reply={reply} busy={busy} /> : null}
    </section>
  );
}

/** Adds pictures at the end of the gallery, with an optional description. */
function UploadForm({
  form,
  reply,
  busy,
}: {
  form: { self: string; version: number };
  reply: FormReply | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <Form
      method="post"
      action={form.self}
      encType="multipart/form-data"
      key={`image-${form.version}`}
    >
      <input type="hidden" name="intent" value="image" />
      <div className={reply?.errors.image ? "field field--invalid" : "field"}>
        <label htmlFor="field-image">{t("productManage.files")}</label>
        <input
          id="field-image"
          type="file"
          name="image"
          accept="image/jpeg,image/png,image/webp"
          multiple
          required
          aria-invalid={reply?.errors.image ? true : undefined}
          aria-describedby={
            reply?.errors.image ? "field-image-error field-image-hint" : "field-image-hint"
          }
        />
        <p className="field-hint" id="field-image-hint">
          {t("portal.image.hint")}
        </p>
        {reply?.errors.image ? (
          <p className="field-error" id="field-image-error" role="alert">
            {message(reply.errors.image, { max: MAX_GALLERY, ...reply?.params?.image })}
          </p>
        ) : null}
      </div>
      <div className={reply?.errors.alt ? "field field--invalid" : "field"}>
        <label htmlFor="field-alt">{t("productManage.alt")}</label>
        <input
          id="field-alt"
          name="alt"
          maxLength={120}
          defaultValue={reply?.values.alt ?? ""}
          aria-describedby="field-alt-hint"
        />
        <p className="field-hint" id="field-alt-hint">
          {t("productManage.altHint")}
        </p>
        {reply?.errors.alt ? (
          <p className="field-error" role="alert">
            {message(reply.errors.alt, { max: 120 })}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("portal.image.uploading") : t("portal.image.upload")}
      </button>
    </Form>
  );
}
