import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PeriodKind } from "~/domain/aid/periods";
import { useMessage } from "~/i18n/use-message";

export interface PeriodPickerProps {
  /** the page the picker reloads: /aid, /aid/integrity */
  path: string;
  /** prefix of the element ids, unique on the page */
  idPrefix: string;
  /** the period shown */
  period: { kind: PeriodKind; start: string; end: string };
  /** this month, quarter and year, as `quickPeriods` gives them */
  quick: Array<{ kind: Exclude<PeriodKind, "custom">; query: string; current: boolean }>;
  /** what was asked for, when it was refused */
  values: { from: string; to: string };
  /** message keys by field (from, to, at) */
  errors: Record<string, string>;
}

/**
 * Chooses the period of an aid office page: this month, quarter or year in one click, or
 * the dates typed into the range form. Two forms rather than one with a kind radio, so
 * dates typed and sent are always the range shown (a radio left on 本月 ignored them).
 */
export function PeriodPicker({ path, idPrefix, period, quick, values, errors }: PeriodPickerProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const custom = period.kind === "custom";
  return (
    <div className="period-picker">
      {errors.at ? (
        <p className="alert alert--error" role="alert">
          {message(errors.at)}
        </p>
      ) : null}
      <p className="period-picker__title" id={`${idPrefix}-legend`}>
        {t("dash.period.legend")}
      </p>
      <ul className="period-picker__kinds" aria-labelledby={`${idPrefix}-legend`}>
        {quick.map((choice) => (
          <li key={choice.kind}>
            <Link to={`${path}?${choice.query}`} aria-current={choice.current ? "true" : undefined}>
              {t(`dash.period.kinds.${choice.kind}`)}
            </Link>
          </li>
        ))}
      </ul>
      <Form
        method="get"
        action={path}
        aria-labelledby={`${idPrefix}-custom`}
        // a new period starts the fields afresh after a client-side navigation too
        key={`${period.start}/${period.end}/${values.from}/${values.to}`}
      >
        <input type="hidden" name="period" value="custom" />
        <p className="period-picker__title" id={`${idPrefix}-custom`}>
          {t("dash.period.kinds.custom")}
        </p>
        <div className="period-picker__range">
          <DateField
            id={`${idPrefix}-from`}
            name="from"
            label={t("dash.period.from")}
            value={values.from || (custom ? period.start : "")}
            error={errors.from ? message(errors.from) : undefined}
          />
          <DateField
            id={`${idPrefix}-to`}
            name="to"
            label={t("dash.period.to")}
            value={values.to || (custom ? period.end : "")}
            error={errors.to ? message(errors.to) : undefined}
          />
          <button type="submit" className="button">
            {t("dash.period.show")}
          </button>
        </div>
        <p className="field-hint">{t("dash.period.customHint")}</p>
      </Form>
    </div>
  );
}

function DateField({
  id,
  name,
  label,
  value,
  error,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
}) {
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value}
        min="2016-01-01"
        max="2100-12-31"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
