import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";

/** What every form control gets from its shell: its id and the accessibility wiring. */
export interface ControlProps {
  id: string;
  name: string;
  required: boolean;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface ShellProps {
  name: string;
  label: string;
  /** a message key (translated here) */
  error?: string;
  errorParams?: Record<string, unknown>;
  hint?: string;
  required?: boolean;
}

// dots (cert.0.kind) are fine in names but not in ids that CSS must select
const fieldId = (name: string) => `field-${name.replace(/\./g, "-")}`;

const describedByIds = (id: string, error?: string, hint?: string) =>
  [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;

/** The asterisk of a required field, or the word "optional". */
function RequiredMark({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return required ? (
    <span aria-hidden="true" className="required">
      *
    </span>
  ) : (
    <span className="optional">{t("forms.optional")}</span>
  );
}

/** The hint under a field and its error, with the ids aria-describedby points at. */
function FieldNotes({
  id,
  hint,
  error,
  errorParams,
}: {
  id: string;
  hint?: ReactNode;
  error?: string | null;
  errorParams?: Record<string, unknown>;
}) {
  const message = useMessage();
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {message(error, errorParams)}
        </p>
      ) : null}
    </>
  );
}

/**
 * The one field layout: label with its required/optional marker, the control, a hint and
 * the error beside it. Inputs, text areas and selects all sit in it.
 */
function FieldShell({
  name,
  label,
  error,
  errorParams,
  hint,
  required = false,
  children,
}: ShellProps & { children: (control: ControlProps) => ReactNode }) {
  const id = fieldId(name);
  const describedBy = describedByIds(id, error, hint);
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      {children({
        id,
        name,
        required,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      <FieldNotes id={id} hint={hint} error={error} errorParams={errorParams} />
    </div>
  );
}

/** A labelled input with its error beside it; the typed value is kept after a failed submit. */
export function Field({
  defaultValue,
  type = "text",
  autoComplete,
  inputMode,
  list,
  maxLength,
  lang,
  ...shell
}: ShellProps & {
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric" | "decimal";
  list?: string;
  maxLength?: number;
  lang?: string;
}) {
  return (
    <FieldShell {...shell}>
      {(control) => (
        <input
          {...control}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          inputMode={inputMode}
          list={list}
          maxLength={maxLength}
          lang={lang}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  defaultValue,
  maxLength,
  rows = 4,
  lang,
  ...shell
}: ShellProps & { defaultValue?: string; maxLength?: number; rows?: number; lang?: string }) {
  return (
    <FieldShell {...shell}>
      {(control) => (
        <textarea
          {...control}
          defaultValue={defaultValue}
          maxLength={maxLength}
          rows={rows}
          lang={lang}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  defaultValue,
  options,
  placeholder,
  ...shell
}: ShellProps & {
  defaultValue?: string;
  options: Array<{ value: string; label: string }>;
  /** an empty first choice, e.g. "请选择" */
  placeholder?: string;
}) {
  return (
    <FieldShell {...shell}>
      {(control) => (
        <select {...control} defaultValue={defaultValue ?? ""}>
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/**
 * A short list of choices as radio buttons, the label as the group's legend. Radios rather
 * than a select where a choice may be made before the page's script has run: React 18 puts
 * a select back to its default value when it hydrates, while a radio the shopper clicked
 * stays clicked. The first radio carries the field's id, so links to the field land on it.
 */
export function ChoiceField({
  defaultValue,
  options,
  name,
  label,
  error,
  errorParams,
  hint,
  required = false,
}: ShellProps & {
  defaultValue?: string;
  options: Array<{ value: string; label: string }>;
}) {
  const id = fieldId(name);
  return (
    <fieldset
      className={error ? "choice-field choice-field--invalid" : "choice-field"}
      aria-describedby={describedByIds(id, error, hint)}
    >
      <legend>
        {label}
        <RequiredMark required={required} />
      </legend>
      <div className="choice-field__options">
        {options.map((option, i) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              id={i === 0 ? id : `${id}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={option.value === defaultValue}
              required={required}
              aria-invalid={error ? true : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldNotes id={id} hint={hint} error={error} errorParams={errorParams} />
    </fieldset>
  );
}
