import type { ReportDimension } from "~/domain/aid/exports/monthly-report.server";
import { sumFigures } from "~/domain/aid/figures";
import { useAidLabels, type BreakdownRowView } from "~/components/aid-figures";
import { ColumnHeads } from "~/components/column-heads";
import { TableScroll } from "~/components/table-scroll";
import { formatWan } from "~/utils/money";

const SECTION_TITLE = {
  county: "aidExtra.report.byCounty",
  bucket: "aidExtra.report.byBucket",
  buyer_type: "aidExtra.report.byBuyerType",
  funding_source: "aidExtra.report.byFunding",
  category_group: "aidExtra.report.byCategoryGroup",
  channel: "aidExtra.report.byChannel",
} as const;

/** One breakdown of the month, in 元 and 万元 as aid offices file it, with its total line. */
export function ReportTable({
  dimension,
  rows,
}: {
  dimension: ReportDimension;
  rows: BreakdownRowView[];
}) {
  const { t, i18n, label, yuan } = useAidLabels();
  const wan = (fen: number) => formatWan(fen, i18n.language);
  const sum = sumFigures(rows);
  const titleId = `report-${dimension}`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t(SECTION_TITLE[dimension])}</h2>
      {rows.length ? (
        <TableScroll labelledBy={titleId}>
          <table className="dash-table" data-testid={titleId}>
            <ColumnHeads
              columns={[
                t("aidExtra.report.dimension"),
                { label: t("aidExtra.report.eligibleYuan"), numeric: true },
                { label: t("aidExtra.report.eligibleWan"), numeric: true },
                { label: t("aidExtra.report.otherYuan"), numeric: true },
              ]}
            />
            <tbody>
              {rows.map((r) => (
                <tr key={r.value} data-value={r.value}>
                  <th scope="row">
                    {r.name ?? label(dimension, r.value)}
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
                <td className="num">{yuan(sum.aidFen)}</td>
                <td className="num">{wan(sum.aidFen)}</td>
                <td className="num apart">{yuan(sum.otherFen)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      ) : (
        <p className="empty">{t("aidExtra.report.empty")}</p>
      )}
    </section>
  );
}
