import { NavLink, useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * What a page under /aid exports as its `handle` when it shows a period: the nav's export
 * links then download the figures of that period (`data` is the page's loader data).
 */
export interface AidNavHandle<Data> {
  periodQuery: (data: Data) => string;
}

/** The period of the deepest page that names one, as a query (`period=month&at=…`), or "". */
export function usePagePeriodQuery(): string {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    // a handle is whatever the route exported; only the aid pages' own shape is read
    const handle = match.handle as Partial<AidNavHandle<unknown>> | undefined;
    if (handle?.periodQuery && match.data) return handle.periodQuery(match.data);
  }
  return "";
}

/**
 * The aid office's navigation, shown once by the /aid layout. Exports are files, so they
 * are plain links (a full download, not a client-side navigation) and carry the period shown.
 */
export function AidNav({ periodQuery = "" }: { periodQuery?: string }) {
  const { t } = useTranslation();
  const q = periodQuery ? `?${periodQuery}` : "";
  return (
    <nav className="office-nav" aria-label={t("dash.nav.label")}>
      <NavLink to="/aid" end>
        {t("dash.nav.home")}
      </NavLink>
      <NavLink to="/aid/reviews">{t("dash.nav.reviews")}</NavLink>
      <NavLink to="/aid/buyer-reviews">{t("buyerRatings.officeNav")}</NavLink>
      <NavLink to="/aid/entries">{t("dash.nav.entries")}</NavLink>
      <NavLink to="/aid/targets">{t("dash.nav.targets")}</NavLink>
      <NavLink to="/aid/institutions">{t("dash.nav.institutions")}</NavLink>
      <NavLink to="/aid/periods">{t("dash.nav.periods")}</NavLink>
      <NavLink to="/aid/report">{t("dash.nav.report")}</NavLink>
      <NavLink to="/aid/integrity">{t("dash.nav.integrity")}</NavLink>
      <a href={`/aid/export.csv${q}`} download>
        {t("dash.nav.exportCsv")}
      </a>
      <a href={`/aid/export.xlsx${q}`} download>
        {t("dash.nav.exportXlsx")}
      </a>
    </nav>
  );
}
