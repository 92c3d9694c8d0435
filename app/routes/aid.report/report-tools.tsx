import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { shiftMonth } from "~/domain/aid/periods";
import { REPORT_MONTH_MAX, REPORT_MONTH_MIN } from "~/domain/aid/report-input";
import { useHydrated } from "~/utils/use-hydrated";

/** Choosing the month, stepping to its neighbours, and printing: none of it on paper. */
export function ReportTools({
  month,
  input,
  error,
}: {
  /** the month shown, or null when the one asked for was refused */
  month: string | null;
  input: string;
  error: "aidExtra.errors.month" | null;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return (
    <div className="no-print">
      <Form method="get" className="report__tools">
        <div className={error ? "field field--invalid" : "field"}>
          <label htmlFor="report-month">{t("aidExtra.report.choose")}</label>
          <input
            id="report-month"
            name="month"
            type="month"
            defaultValue={input}
            min={REPORT_MONTH_MIN}
            max={REPORT_MONTH_MAX}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "report-month-error" : undefined}
          />
          {error ? (
            <p className="field-error" id="report-month-error">
              {t(error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("aidExtra.report.show")}
        </button>
        {month ? (
          <>
            <Link to={`/aid/report?month=${shiftMonth(month, -1)}`} rel="prev">
              ‹ {shiftMonth(month, -1)}
            </Link>
            <Link to={`/aid/report?month=${shiftMonth(month, 1)}`} rel="next">
              {shiftMonth(month, 1)} ›
            </Link>
          </>
        ) : null}
        {month && hydrated ? (
          <button type="button" className="button button--ghost" onClick={() => window.print()}>
            {t("aidExtra.report.print")}
          </button>
        ) : null}
      </Form>
      <p className="muted">{t("aidExtra.report.printHint")}</p>
    </div>
  );
}
