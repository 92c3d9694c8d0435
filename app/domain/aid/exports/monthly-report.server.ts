// The printable monthly report (/aid/report?month=YYYY-MM): a month's figures as the
// dashboard computes them.
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { breakdown, type BreakdownRow } from "../dashboard/breakdowns.server";
import { aidTotals } from "../dashboard/totals.server";
import type { Dimension } from "../dimensions";
import { customPeriod, monthPeriod } from "../periods";
import { periodName } from "./request.server";

export const REPORT_DIMENSIONS = [
  "county",
  "bucket",
  "buyer_type",
  "funding_source",
  "category_group",
  "channel",
] as const satisfies readonly Dimension[];
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/**
 * A month's figures as the dashboard computes them: totals, the year to the month's end,
 * the breakdowns aid offices file (the five they always did, and the sales channel), and whether the month is reported (locked).
 */
export async function monthlyReport(db: DB, month: string, locale: Locale = "zh-CN") {
  const period = monthPeriod(month);
  const yearToDate = customPeriod(`${month.slice(0, 4)}-01-01`, period.end);
  const [totals, ytd, reported, ...lists] = await Promise.all([
    aidTotals(db, period),
    breakdown(db, yearToDate, "month", locale),
    db
      .selectFrom("reported_periods")
      .select(["reported_by_name", "reported_at"])
      .where("month", "=", month)
      .executeTakeFirst(),
    ...REPORT_DIMENSIONS.map((d) => breakdown(db, period, d, locale)),
  ]);
  const breakdowns = Object.fromEntries(REPORT_DIMENSIONS.map((d, i) => [d, lists[i]!])) as Record<
    ReportDimension,
    BreakdownRow[]
  >;
  return {
    month,
    name: periodName(period),
    start: period.start,
    end: period.end,
    totals,
    yearToDateAidFen: ytd.reduce((sum, r) => sum + r.aidFen, 0),
    breakdowns,
    reported: reported ? { by: reported.reported_by_name, at: reported.reported_at } : null,
  };
}
