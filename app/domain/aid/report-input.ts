// The month asked of /aid/report. Plain: the page's month field uses the same bounds.
import { shanghaiDate } from "~/utils/time";
import { parseMonth } from "./periods";

export const REPORT_MONTH_MIN = "2016-01";
export const REPORT_MONTH_MAX = "2100-12";

/** The month typed (YYYY-MM), this Shanghai month when none was, or null when it is no month. */
export function parseReportMonth(raw: string, now: Date): string | null {
  const typed = raw.trim();
  return typed ? parseMonth(typed) : shanghaiDate(now).slice(0, 7);
}
