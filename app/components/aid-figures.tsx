// Pieces of the aid dashboard shared by /aid and /aid/entries: amounts in 元 and 万元,
// names of dimension values, and a breakdown table whose every figure is a link.
import { Link } from "@remix-run/react";
import { ColumnHeads } from "~/components/column-heads";
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
  | "month"
  | "channel";

/** Dimensions whose values are translated (the others carry names from the database). */
const TRANSLATED = new Set<DimensionName>([
  "bucket",
  "buyer_type",
  "funding_source",
  "category_group",
  "channel",
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
  const yuan = (fen: number) => formatFen(fen, i18n.language);
  const count = (n: number) => n.toLocaleString(i18n.language === "en" ? "en-US" : "zh-CN");
  return { label, yuan, count, loose, t, i18n };
}

/**
 * /aid/entries with the period's query and the given filters: each figure's link is its
 * filter (a null removes one).
 */
export function entriesHref(
  periodQuery: string,
  ...changes: Array<Record<string, string | number | null>>
): string {
  const params = new URLSearchParams(periodQuery);
  for (const change of changes) {
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, String(value));
    }
  }
  return `/aid/entries?${params}`;
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

interface BreakdownTableProps {
  id: string;
  dimension: DimensionName;
  rows: BreakdownRowView[];
  totalAidFen: number;
  totalOtherFen: number;
  href: (value: string, eligible: 0 | 1) => string;
  totalHref: (eligible: 0 | 1) => string;
}

/**
 * One breakdown as a table: name, aid in 元 and 万元, share of the aid total, and non-aid
 * sales apart. Each amount links to the entries behind it (`href(value, eligible)`).
 */
export function BreakdownTable(props: BreakdownTableProps) {
  const { id, dimension, rows } = props;
  const { t, loose } = useAidLabels();
  if (!rows.length) return <p className="empty">{t("dash.breakdowns.empty")}</p>;
  return (
    <TableScroll label={loose(`dash.breakdowns.${dimension}`)}>
      <table className="dash-table" id={id} data-testid={id}>
        <BreakdownHead />
        <tbody>
          {rows.map((row) => (
            <BreakdownLine key={row.value} row={row} {...props} />
          ))}
        </tbody>
        <BreakdownFoot {...props} />
      </table>
    </TableScroll>
  );
}

function BreakdownHead() {
  const { t } = useAidLabels();
  return (
    <ColumnHeads
      columns={[
        t("dash.breakdowns.name"),
        { label: t("dash.breakdowns.aid"), numeric: true },
        { label: t("dash.breakdowns.wan"), numeric: true },
        { label: t("dash.breakdowns.share"), numeric: true },
        { label: t("dash.breakdowns.other"), numeric: true },
      ]}
    />
  );
}

function BreakdownLine({
  row: r,
  dimension,
  totalAidFen,
  href,
}: BreakdownTableProps & { row: BreakdownRowView }) {
  const { t, label, yuan } = useAidLabels();
  const name = r.name ?? label(dimension, r.value);
  const detail = dimension === "county" ? (r.detail ?? t("dash.breakdowns.noPairing")) : r.detail;
  return (
    <tr data-value={r.value}>
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
      <td className="num">
        {totalAidFen > 0 ? `${((r.aidFen / totalAidFen) * 100).toFixed(1)}%` : "—"}
      </td>
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
}

function BreakdownFoot({ totalAidFen, totalOtherFen, totalHref }: BreakdownTableProps) {
  const { t, yuan } = useAidLabels();
  return (
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
  );
}

function formatWanPlain(fen: number) {
  return <WanNumber fen={fen} />;
}

function WanNumber({ fen }: { fen: number }) {
  const { i18n } = useTranslation();
  return <>{formatWan(fen, i18n.language)}</>;
}
