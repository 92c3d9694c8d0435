// Reading an export request (/aid/export.csv, /aid/export.xlsx): the dashboard's own
// period parameters (periods.ts), so a link from the page exports what it shows, and the
// names the file and its title get.
import { aidExtra as zh } from "~/i18n/zh-CN/aidExtra";
import { parseDay, parsePeriod, PERIOD_KINDS, type Period, type PeriodKind } from "../periods";
import {
  BREAKDOWNS,
  breakdownTitle,
  exportColumns,
  type Breakdown,
  type ExportColumn,
} from "./columns.server";

// period=month|quarter|year with at=2026-11|2026-Q4|2026, or with from=YYYY-MM-DD naming a
// day inside it; period=custom with from and to. This month in Shanghai by default.

/** A catalogue key (aidExtra.errors.*) naming what is wrong with the query. */
export type ParamError = { error: string };

/** Like the dashboard's parsePeriod, but a mistake is an error rather than this month. */
export function resolvePeriod(params: URLSearchParams, now = new Date()): Period | ParamError {
  const kind = params.get("period") || "month";
  if (!PERIOD_KINDS.includes(kind as PeriodKind)) return { error: "aidExtra.errors.period" };
  const search = new URLSearchParams(params);
  search.set("period", kind);
  const from = search.get("from")?.trim();
  if (kind !== "custom" && !search.get("at") && from) {
    // a day inside the month, quarter or year wanted
    const day = parseDay(from);
    if (!day) return { error: "aidExtra.errors.date" };
    const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
    search.set(
      "at",
      kind === "month" ? day.slice(0, 7) : kind === "quarter" ? `${y}-Q${Math.ceil(m / 3)}` : y,
    );
  }
  const parsed = parsePeriod(search, now);
  const [first] = Object.values(parsed.errors);
  if (first) {
    const name = first.slice(first.lastIndexOf(".") + 1);
    return { error: name in zh.errors ? `aidExtra.errors.${name}` : "aidExtra.errors.period" };
  }
  return parsed.period;
}

/** The period as a Chinese report names it: 2026年11月, 2026年第4季度, 2026年, a 至 b. */
export function periodName(period: Period): string {
  const key = period.key ?? "";
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  if (/^\d{4}$/.test(key)) return `${key}年`;
  return period.start === period.end ? period.start : `${period.start} 至 ${period.end}`;
}

export function parseBreakdown(value: string | null): Breakdown | ParamError {
  const breakdown = value || "entries";
  return BREAKDOWNS.includes(breakdown as Breakdown)
    ? (breakdown as Breakdown)
    : { error: "aidExtra.errors.breakdown" };
}

/** What an export request asks for, or the catalogue key of what is wrong with it. */
export interface ExportRequest {
  period: Period;
  breakdown: Breakdown;
  columns: ExportColumn[];
  title: string;
}

export function parseExportRequest(
  params: URLSearchParams,
  now = new Date(),
): ExportRequest | ParamError {
  const period = resolvePeriod(params, now);
  if ("error" in period) return period;
  const breakdown = parseBreakdown(params.get("breakdown"));
  if (typeof breakdown !== "string") return breakdown;
  return {
    period,
    breakdown,
    columns: exportColumns(breakdown),
    title: exportTitle(breakdown, period),
  };
}

/** attachment; filename="ascii"; filename*=UTF-8''中文 (RFC 6266 / 5987). */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** File names for an export: 山海消费帮扶_明细_2026年12月.csv and an ASCII twin. */
export function exportFileNames(breakdown: Breakdown, period: Period, ext: "csv" | "xlsx") {
  return {
    filename: `山海消费帮扶_${breakdownTitle(breakdown)}_${periodName(period).replaceAll(" ", "")}.${ext}`,
    ascii: `shanhai-aid-${breakdown.replaceAll("_", "-")}-${period.start}_${period.end}.${ext}`,
  };
}

/** 山海消费帮扶 · 明细 · 2026年12月（2026-12-01 至 2026-12-31） */
export function exportTitle(breakdown: Breakdown, period: Period): string {
  const name = periodName(period);
  const range = name.includes(period.start) ? "" : `（${period.start} 至 ${period.end}）`;
  return `山海消费帮扶 · ${breakdownTitle(breakdown)} · ${name}${range}`;
}
