import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The period shown, with links to the one before and after, and a note if the query was bad. */
export function PeriodHeading({
  period,
  previousQuery,
  nextQuery,
  hasErrors,
}: {
  period: { label: string; start: string; end: string };
  previousQuery: string | null;
  nextQuery: string | null;
  hasErrors: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="period-nav">
        {previousQuery ? (
          <Link to={`/aid/integrity?${previousQuery}`} rel="prev">
            ‹ {t("dash.period.previous")}
          </Link>
        ) : null}
        <h2 data-testid="period-label">{t("dash.period.heading", { label: period.label })}</h2>
        {nextQuery ? (
          <Link to={`/aid/integrity?${nextQuery}`} rel="next">
            {t("dash.period.next")} ›
          </Link>
        ) : null}
        <span className="period-nav__range">
          {t("dash.period.range", { from: period.start, to: period.end })}
        </span>
      </div>
      {hasErrors ? (
        <p className="alert alert--error" role="status">
          {t("dash.period.errors.fallback")}
        </p>
      ) : null}
    </>
  );
}
