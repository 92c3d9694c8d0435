import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/** A labelled input with its error beside it; the typed value is kept after a failed submit. */
export function Field({
  name,
  label,
  error,
  defaultValue,
  hint,
  type = "text",
  required = false,
  autoComplete,
  inputMode,
  list,
  maxLength,
}: {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
  list?: string;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const id = `field-${name}`;
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="required">
            *
          </span>
        ) : (
          <span className="optional">{t("forms.optional")}</span>
        )}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        list={list}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}
