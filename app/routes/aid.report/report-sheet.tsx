import type { monthlyReport, ReportDimension } from "~/domain/aid/exports/monthly-report.server";
import { useAidLabels } from "~/components/aid-figures";
import { formatWan } from "~/utils/money";
import { shanghaiDateTime } from "~/utils/time";
import { ReportTable } from "./report-table";

export type Report = Awaited<ReturnType<typeof monthlyReport>>;

/** The sheet that is printed and signed. */
export function ReportSheet({
  report,
  dimensions,
  generatedAt,
  periodQuery,
}: {
  report: Report;
  dimensions: readonly ReportDimension[];
  generatedAt: string | null;
  periodQuery: string;
}) {
  const { t } = useAidLabels();
  return (
    <article className="report__sheet" data-testid="monthly-report">
      <h1 id="report-title" className="report__title">
        {t("aidExtra.report.title")}
      </h1>
      <p className="report__sub">
        {t("aidExtra.report.heading", { month: report.name })} · {report.start} — {report.end}
      </p>
      <p
        className={report.reported ? "report__state verdict verdict--ok" : "report__state verdict"}
        data-testid="report-state"
      >
        {report.reported
          ? t("aidExtra.report.reported", {
              by: report.reported.by,
              at: shanghaiDateTime(report.reported.at),
            })
          : t("aidExtra.report.notReported")}
      </p>
      <ReportTotals report={report} />
      <div className="report__grid">
        {dimensions.map((dimension) => (
          <ReportTable key={dimension} dimension={dimension} rows={report.breakdowns[dimension]} />
        ))}
      </div>
      <ReportFoot generatedAt={generatedAt} periodQuery={periodQuery} />
    </article>
  );
}

function ReportTotals({ report }: { report: Report }) {
  const { t, i18n, yuan } = useAidLabels();
  const wan = (fen: number) => t("aidExtra.report.wan", { amount: formatWan(fen, i18n.language) });
  return (
    <>
      <h2 className="visually-hidden">{t("aidExtra.report.totals")}</h2>
      <table className="report__totals" data-testid="report-totals">
        <tbody>
          <tr>
            <th scope="row">{t("aidExtra.report.eligible")}</th>
            <td data-fen={report.totals.aidFen}>
              {yuan(report.totals.aidFen)}（{wan(report.totals.aidFen)}）
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
              {yuan(report.yearToDateAidFen)}（{wan(report.yearToDateAidFen)}）
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** Lines to sign, where the figures come from, and the same figures as files. */
function ReportFoot({
  generatedAt,
  periodQuery: q,
}: {
  generatedAt: string | null;
  periodQuery: string;
}) {
  const { t } = useAidLabels();
  return (
    <>
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
        {t("aidExtra.report.source", { at: generatedAt ? shanghaiDateTime(generatedAt) : "" })}
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
    </>
  );
}
