// Pieces of the aid dashboard shared by /aid and /aid/entries: amounts in 元 and 万元,
// names of dimension values, and a breakdown table whose every figure is a link.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLooseTranslation } from "~/i18n/use-message";
import { formatFen, formatWan } from "~/utils/money";
import { TableScroll } from "./table-scroll";

export type DimensionName =
  | "county"
  | "bucket"
  | "buyer_type"
  | "funding_source"
  | "category_group"
  | "cooperative"
  | "product"
  | "month";

/** Dimensions whose values are translated (the others carry names from the database). */
const TRANSLATED = new Set<DimensionName>([
  "bucket",
  "buyer_type",
  "funding_source",
  "category_group",
]);

/** A loose t() for keys built from data; falls back to "unknown (value)". */
export function useAidLabels() {
  const { t, i18n } = useTranslation();
  const { t: loose } = useLooseTranslation();
  const label = (dimension: DimensionName, value: string): string => {
    const key = `dash.labels.${dimension}.${value}`;
    if (TRANSLATED.has(dimension)) {
      return i18n.exists(key) ? loose(key) : loose("dash.labels.unknown", { value });
    }
    return value;
  };
  return { label, yuan: (fen: number) => formatFen(fen, i18n.language), loose, t, i18n };
}

/** "12.35 万元" */
export function Wan({ fen }: { fen: number }) {
  const { t, i18n } = useTranslation();
  return <>{t("dash.wan", { amount: formatWan(fen, i18n.language) })}</>;
}

export interface BreakdownRowView {
  value: string;
  name: string | null;
  detail: string | null;
  aidFen: number;
  otherFen: number;
}

/**
 * One breakdown as a table: name, aid in 元 and 万元, share of the aid total, and non-aid
 * sales apart. Each amount links to the entries behind it (`href(value, eligible)`).
 */
export function BreakdownTable({
  id,
  dimension,
  rows,
  totalAidFen,
  totalOtherFen,
  href,
  totalHref,
}: {
  id: string;
  dimension: DimensionName;
  rows: BreakdownRowView[];
  totalAidFen: number;
  totalOtherFen: number;
  href: (value: string, eligible: 0 | 1) => string;
  totalHref: (eligible: 0 | 1) => string;
}) {
  const { t, label, yuan, loose } = useAidLabels();
  if (!rows.length) return <p className="empty">{t("dash.breakdowns.empty")}</p>;
  const share = (fen: number) =>
    totalAidFen > 0 ? `${((fen / totalAidFen) * 100).toFixed(1)}%` : "—";
  return (
    <TableScroll label={loose(`dash.breakdowns.${dimension}`)}>
      <table className="dash-table" id={id} data-testid={id}>
        <thead>
          <tr>
            <th scope="col">{t("dash.breakdowns.name")}</th>
            <th scope="col" className="num">
              {t("dash.breakdowns.aid")}
            </th>
            <th scope="col" className="num">
              {t("dash.breakdowns.wan")}
            </th>
            <th scope="col" className="num">
              {t("dash.breakdowns.share")}
            </th>
            <th scope="col" className="num">
              {t("dash.breakdowns.other")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = r.name ?? label(dimension, r.value);
            const detail =
              dimension === "county" ? (r.detail ?? t("dash.breakdowns.noPairing")) : r.detail;
            return (
              <tr key={r.value} data-value={r.value}>
                <th scope="row">
                  {name}
                  {detail ? <span className="dash-table__detail">{detail}</span> : null}
                </th>
                <td className="num">
                  <Link to={href(r.value, 1)} data-fen={r.aidFen}>
                    {yuan(r.aidFen)}
                  </Link>
                </td>
                <td className="num">{formatWanPlain(r.aidFen)}</td>
                <td className="num">{share(r.aidFen)}</td>
                <td className="num apart">
                  {r.otherFen ? (
                    <Link to={href(r.value, 0)} data-fen={r.otherFen}>
                      {yuan(r.otherFen)}
                    </Link>
                  ) : (
                    yuan(0)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("dash.breakdowns.total")}</th>
            <td className="num">
              <Link to={totalHref(1)}>{yuan(totalAidFen)}</Link>
            </td>
            <td className="num">{formatWanPlain(totalAidFen)}</td>
            <td className="num">{totalAidFen > 0 ? "100.0%" : "—"}</td>
            <td className="num apart">
              {totalOtherFen ? <Link to={totalHref(0)}>{yuan(totalOtherFen)}</Link> : yuan(0)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function formatWanPlain(fen: number) {
  return <WanNumber fen={fen} />;
}

function WanNumber({ fen }: { fen: number }) {
  const { i18n } = useTranslation();
  return <>{formatWan(fen, i18n.language)}</>;
}
