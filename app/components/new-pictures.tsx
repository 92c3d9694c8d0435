import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/**
 * The new-product form's pictures: several files at once, checked on the server like every
 * product picture. A browser cannot refill a file field, so after a refusal the manager
 * chooses the files again (the message says which rule they broke).
 */
export function NewPictures({
  error,
  params,
}: {
  error?: string;
  params?: Record<string, string | number>;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <fieldset className={error ? "field field--invalid" : "field"}>
      <legend>{t("productManage.newFiles")}</legend>
      <input
        id="field-image"
        type="file"
        name="image"
        accept="image/jpeg,image/png,image/webp"
        multiple
        aria-label={t("productManage.newFiles")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-image-error field-image-hint" : "field-image-hint"}
      />
      <p className="field-hint" id="field-image-hint">
        {t("productManage.newFilesHint")}
      </p>
      {error ? (
        <p className="field-error" id="field-image-error" role="alert">
          {message(error, params)}
        </p>
      ) : null}
    </fieldset>
  );
}
