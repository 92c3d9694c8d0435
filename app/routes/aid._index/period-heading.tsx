import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The period shown, a step back or forward, and whether its months are reported. */
export function PeriodHeading({
  period,
  previousQuery,
  nextQuery,
  reportedMonths,
  hasErrors,
}: {
  period: { label: string; start: string; end: string; slow: boolean };
  previousQuery: string | null;
  nextQuery: string | null;
  reportedMonths: string[];
  hasErrors: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="period-nav">
        {previousQuery ? (
          <Link to={`/aid?${previousQuery}`} rel="prev">
            ‹ {t("dash.period.previous")}
          </Link>
        ) : null}
        <h2 data-testid="period-label">{t("dash.period.heading", { label: period.label })}</h2>
        {nextQuery ? (
          <Link to={`/aid?${nextQuery}`} rel="next">
            {t("dash.period.next")} ›
          </Link>
        ) : null}
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
        {reportedMonths.length ? (
          <Link className="reported-chip" to="/aid/periods">
            {t("dash.period.reported", { months: reportedMonths.join(", ") })}
          </Link>
        ) : null}
      </div>
      {hasErrors ? (
        <p className="alert alert--error" role="status">
          {t("dash.period.errors.fallback")}
        </p>
      ) : null}
      {period.slow ? <p className="muted">{t("dash.period.customNote")}</p> : null}
    </>
  );
}
