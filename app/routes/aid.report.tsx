// /aid/report?month=YYYY-MM: the monthly consumption-aid report, made to be printed on A4
// and signed. Figures are the dashboard's (same rollups); print CSS hides the site chrome.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useAidLabels, type DimensionName } from "~/components/aid-figures";
import { AidNav } from "~/components/aid-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { monthlyReport, REPORT_DIMENSIONS } from "~/domain/aid/exports/monthly-report.server";
import { parseMonth, shiftMonth } from "~/domain/aid/periods";
import dashCss from "~/styles/dash.css";
import officeCss from "~/styles/office.css";
import { formatWan } from "~/utils/money";
import { storeContext } from "~/utils/request.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDate, shanghaiDateTime } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: officeCss },
  { rel: "stylesheet", href: dashCss },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.aidReport", { month: data.report?.month ?? "" }).trim(),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["aid_officer", "admin"]);
  const raw = new URL(request.url).searchParams.get("month")?.trim() ?? "";
  const headers = { "Cache-Control": "private, no-store" };
  const month = raw ? parseMonth(raw) : shanghaiDate(new Date()).slice(0, 7);
  if (!month) {
    // a mistake in the address bar: say so beside the month field, keep what was typed
    const error = "aidExtra.errors.month" as const;
    return json({ report: null, dimensions: [], input: raw, error }, { status: 400, headers });
  }
  const { db, locale } = await storeContext(request);
  const report = await monthlyReport(db, month, locale);
  return json(
    {
      report,
      // the order of the tables (a .server module's values never reach the browser)
      dimensions: REPORT_DIMENSIONS,
      input: month,
      error: null,
      generatedAt: new Date().toISOString(),
    },
    { headers },
  );
}

/** A4 portrait, nothing but the report on paper. */
const PRINT_CSS = `
.report__sheet { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 1.2rem 1.4rem; }
.report__title { text-align: center; margin: 0 0 0.2rem; }
.report__sub { text-align: center; color: var(--muted); margin: 0 0 1rem; }
.report__state { margin: 0 0 1rem; }
.report__totals { width: 100%; border-collapse: collapse; margin: 0 0 1rem; }
.report__totals th, .report__totals td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; }
.report__totals td { text-align: right; font-variant-numeric: tabular-nums; }
.report__grid { display: grid; gap: 0 1.2rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 900px) { .report__grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.report__grid section { break-inside: avoid; }
.report__grid h2 { font-size: 1.05rem; margin: 1rem 0 0.3rem; }
.report .dash-table { width: 100%; }
.report__signatures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.6rem 2rem; margin: 2rem 0 1rem; break-inside: avoid; }
.report__signatures div { border-bottom: 1px solid var(--ink); padding-top: 1.8rem; font-size: 0.95rem; }
.report__source { color: var(--muted); font-size: 0.85rem; }
.report__tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0 0 1rem; }
.report__tools .field { margin: 0; }
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; line-height: 1.45; }
  .site-header, .site-footer, .skip-link, .office-nav, .no-print { display: none !important; }
  .page { max-width: none; padding: 0; margin: 0; }
  .report__sheet { border: 0; padding: 0; }
  .report__grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .table-scroll { overflow: visible; }
  .table-scroll .certs, .table-scroll .dash-table { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

const SECTION_TITLE = {
  county: "aidExtra.report.byCounty",
  bucket: "aidExtra.report.byBucket",
  buyer_type: "aidExtra.report.byBuyerType",
  funding_source: "aidExtra.report.byFunding",
  category_group: "aidExtra.report.byCategoryGroup",
} as const;

export default function MonthlyReport() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n, label, yuan } = useAidLabels();
  const hydrated = useHydrated();
  const wan = (fen: number) => formatWan(fen, i18n.language);
  const report = data.report;
  const q = report ? `period=month&at=${report.month}` : "";

  return (
    <section className="report" aria-labelledby="report-title">
      <style>{PRINT_CSS}</style>
      <AidNav periodQuery={q} />
      <div className="no-print">
        <Form method="get" className="report__tools">
          <div className={data.error ? "field field--invalid" : "field"}>
            <label htmlFor="report-month">{t("aidExtra.report.choose")}</label>
            <input
              id="report-month"
              name="month"
              type="month"
              defaultValue={data.input}
              min="2016-01"
              max="2100-12"
              aria-invalid={data.error ? true : undefined}
              aria-describedby={data.error ? "report-month-error" : undefined}
            />
            {data.error ? (
              <p className="field-error" id="report-month-error">
                {t(data.error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t("aidExtra.report.show")}
          </button>
          {report ? (
            <>
              <Link to={`/aid/report?month=${shiftMonth(report.month, -1)}`} rel="prev">
                ‹ {shiftMonth(report.month, -1)}
              </Link>
              <Link to={`/aid/report?month=${shiftMonth(report.month, 1)}`} rel="next">
                {shiftMonth(report.month, 1)} ›
              </Link>
            </>
          ) : null}
          {report && hydrated ? (
            <button type="button" className="button button--ghost" onClick={() => window.print()}>
              {t("aidExtra.report.print")}
            </button>
          ) : null}
        </Form>
        <p className="muted">{t("aidExtra.report.printHint")}</p>
      </div>

      {report ? (
        <article className="report__sheet" data-testid="monthly-report">
          <h1 id="report-title" className="report__title">
            {t("aidExtra.report.title")}
          </h1>
          <p className="report__sub">
            {t("aidExtra.report.heading", { month: report.name })} · {report.start} — {report.end}
          </p>
          <p
            className={
              report.reported ? "report__state verdict verdict--ok" : "report__state verdict"
            }
            data-testid="report-state"
          >
            {report.reported
              ? t("aidExtra.report.reported", {
                  by: report.reported.by,
                  at: shanghaiDateTime(report.reported.at),
                })
              : t("aidExtra.report.notReported")}
          </p>

          <h2 className="visually-hidden">{t("aidExtra.report.totals")}</h2>
          <table className="report__totals" data-testid="report-totals">
            <tbody>
              <tr>
                <th scope="row">{t("aidExtra.report.eligible")}</th>
                <td data-fen={report.totals.aidFen}>
                  {yuan(report.totals.aidFen)}（
                  {t("aidExtra.report.wan", { amount: wan(report.totals.aidFen) })}）
                </td>
              </tr>
              <tr>
                <th scope="row">{t("aidExtra.report.other")}</th>
                <td data-fen={report.totals.otherFen}>{yuan(report.totals.otherFen)}</td>
              </tr>
              <tr>
                <th scope="row">{t("aidExtra.report.entries")}</th>
                <td>{report.totals.aidEntries + report.totals.otherEntries}</td>
              </tr>
              <tr>
                <th scope="row">{t("aidExtra.report.yearToDate")}</th>
                <td data-fen={report.yearToDateAidFen}>
                  {yuan(report.yearToDateAidFen)}（
                  {t("aidExtra.report.wan", { amount: wan(report.yearToDateAidFen) })}）
                </td>
              </tr>
            </tbody>
          </table>

          <div className="report__grid">
            {data.dimensions.map((dimension) => {
              const rows = report.breakdowns[dimension];
              const sum = rows.reduce(
                (s, r) => ({ aid: s.aid + r.aidFen, other: s.other + r.otherFen }),
                { aid: 0, other: 0 },
              );
              return (
                <section key={dimension} aria-labelledby={`report-${dimension}`}>
                  <h2 id={`report-${dimension}`}>{t(SECTION_TITLE[dimension])}</h2>
                  {rows.length ? (
                    <TableScroll labelledBy={`report-${dimension}`}>
                      <table className="dash-table" data-testid={`report-${dimension}`}>
                        <thead>
                          <tr>
                            <th scope="col">{t("aidExtra.report.dimension")}</th>
                            <th scope="col" className="num">
                              {t("aidExtra.report.eligibleYuan")}
                            </th>
                            <th scope="col" className="num">
                              {t("aidExtra.report.eligibleWan")}
                            </th>
                            <th scope="col" className="num">
                              {t("aidExtra.report.otherYuan")}
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((r) => (
                            <tr key={r.value} data-value={r.value}>
                              <th scope="row">
                                {r.name ?? label(dimension as DimensionName, r.value)}
                                {dimension === "county" ? (
                                  <span className="dash-table__detail">
                                    {r.detail ?? t("dash.breakdowns.noPairing")}
                                  </span>
                                ) : null}
                              </th>
                              <td className="num" data-fen={r.aidFen}>
                                {yuan(r.aidFen)}
                              </td>
                              <td className="num">{wan(r.aidFen)}</td>
                              <td className="num apart">{yuan(r.otherFen)}</td>
                            </tr>
                          ))}
                        </tbody>
                        <tfoot>
                          <tr>
                            <th scope="row">{t("aidExtra.report.total")}</th>
                            <td className="num">{yuan(sum.aid)}</td>
                            <td className="num">{wan(sum.aid)}</td>
                            <td className="num apart">{yuan(sum.other)}</td>
                          </tr>
                        </tfoot>
                      </table>
                    </TableScroll>
                  ) : (
                    <p className="empty">{t("aidExtra.report.empty")}</p>
                  )}
                </section>
              );
            })}
          </div>

          <section aria-labelledby="report-signatures">
            <h2 id="report-signatures" className="visually-hidden">
              {t("aidExtra.report.signature")}
            </h2>
            <div className="report__signatures">
              <div>{t("aidExtra.report.unit")}：</div>
              <div>{t("aidExtra.report.preparer")}：</div>
              <div>{t("aidExtra.report.reviewer")}：</div>
              <div>{t("aidExtra.report.date")}：</div>
            </div>
          </section>
          <p className="report__source">
            {t("aidExtra.report.source", {
              at:
                "generatedAt" in data && data.generatedAt ? shanghaiDateTime(data.generatedAt) : "",
            })}
          </p>
          <p className="no-print">
            {t("aidExtra.report.downloads")}：{" "}
            <a href={`/aid/export.xlsx?${q}`} download>
              {t("aidExtra.exports.xlsx")}（{t("aidExtra.breakdown.entries")}）
            </a>{" "}
            ·{" "}
            <a href={`/aid/export.csv?${q}`} download>
              {t("aidExtra.exports.csv")}（{t("aidExtra.breakdown.entries")}）
            </a>{" "}
            ·{" "}
            <a href={`/aid/export.xlsx?${q}&breakdown=county`} download>
              {t("aidExtra.exports.xlsx")}（{t("aidExtra.breakdown.county")}）
            </a>
          </p>
        </article>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
