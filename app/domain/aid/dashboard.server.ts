// The aid office's dashboard (/aid) in one call: totals, every breakdown, the year's trend
// and targets, and which months of the period are reported. Everything is read from the
// rollups and counting tables (docs/decisions/012-aid-dashboard-rollups.md); the pieces
// live in ./dashboard/: sums, totals, breakdowns, targets, reported periods, drill-down.
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { breakdown, type BreakdownRow } from "./dashboard/breakdowns.server";
import { reportedMonthsIn } from "./dashboard/reported-periods.server";
import { targetProgress, type TargetProgress } from "./dashboard/targets.server";
import { aidTotals, type Totals } from "./dashboard/totals.server";
import { DIMENSIONS, type Dimension } from "./dimensions";
import { monthsBetween, yearPeriod, type Period } from "./periods";

export interface TrendPoint {
  month: string;
  aidFen: number;
  otherFen: number;
}

/** The twelve months of a year, each with its aid and non-aid sums (zeros included). */
function trendFrom(year: number, rows: BreakdownRow[]): TrendPoint[] {
  const byMonth = new Map(rows.map((r) => [r.value, r]));
  return monthsBetween(`${year}-01`, `${year}-12`).map((month) => ({
    month,
    aidFen: byMonth.get(month)?.aidFen ?? 0,
    otherFen: byMonth.get(month)?.otherFen ?? 0,
  }));
}

export interface Dashboard {
  totals: Totals;
  breakdowns: Record<Dimension, BreakdownRow[]>;
  trend: TrendPoint[];
  targets: TargetProgress[];
  /** months of the period already reported (their figures no longer move) */
  reportedMonths: string[];
}

export async function aidDashboard(
  db: DB,
  period: Period,
  locale: Locale = "zh-CN",
): Promise<Dashboard> {
  const [totals, ...lists] = await Promise.all([
    aidTotals(db, period),
    ...DIMENSIONS.map((d) => breakdown(db, period, d, locale)),
  ]);
  const breakdowns = Object.fromEntries(DIMENSIONS.map((d, i) => [d, lists[i]!])) as Record<
    Dimension,
    BreakdownRow[]
  >;
  // the year's figures are the period's own when the period is that year
  const isYear = period.key === String(period.year);
  const [trendRows, yearByCounty, reportedMonths] = await Promise.all([
    isYear ? breakdowns.month : breakdown(db, yearPeriod(period.year), "month", locale),
    isYear ? breakdowns.county : breakdown(db, yearPeriod(period.year), "county", locale),
    reportedMonthsIn(db, period),
  ]);
  return {
    totals,
    breakdowns,
    trend: trendFrom(period.year, trendRows),
    targets: await targetProgress(db, period.year, locale, yearByCounty),
    reportedMonths,
  };
}
