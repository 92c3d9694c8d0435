// Report periods in the Shanghai calendar, from the dashboard's query string. Pure: the
// caller passes "now". Days are YYYY-MM-DD strings, both ends inclusive.
import { shanghaiDate } from "~/utils/time";

export type PeriodKind = "month" | "quarter" | "year" | "custom";
export const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "year", "custom"];

export interface Period {
  kind: PeriodKind;
  /** first day, inclusive */
  start: string;
  /** last day, inclusive */
  end: string;
  /** the whole months the period covers, when it covers whole months only; otherwise null */
  months: string[] | null;
  /** "2026", "2026-Q4" or "2026-11" when the period is exactly that calendar period */
  key: string | null;
  /** the year whose trend and targets go with this period (the year of its last day) */
  year: number;
  /** language-neutral: "2026-11", "2026-Q4", "2026", "2026-11-01 – 2026-11-15" */
  label: string;
  /** the query string that selects this period again (for links) */
  params: Record<string, string>;
}

export interface ParsedPeriod {
  period: Period;
  /** message keys by field (from, to, at) when the request asked for something invalid */
  errors: Record<string, string>;
  /** what was asked for, to put back into the form */
  values: { period: PeriodKind; from: string; to: string };
}

/** Custom ranges longer than this are refused (three calendar years, roughly). */
export const MAX_CUSTOM_DAYS = 3 * 366;
const MIN_YEAR = 2016; // the pairing started in 2016
const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, "0");

/** Days in a month of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date as YYYY-MM-DD in the supported years, or null. */
export function parseDay(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value?.trim() ?? "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    return null;
  }
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** YYYY-MM in the supported years, or null. */
export function parseMonth(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value?.trim() ?? "");
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12) return null;
  return `${y}-${pad(mo)}`;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${pad(daysInMonth(y, m))}`;
}

/** Months from `first` to `last` (YYYY-MM), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${pad(m)}`;
    if (month > last) return out;
    out.push(month);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/** The month before or after (delta months). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The calendar key of a run of whole months, if it is exactly one month, quarter or year. */
function calendarKey(months: string[]): string | null {
  const first = months[0]!;
  const year = first.slice(0, 4);
  const m = Number(first.slice(5, 7));
  if (months.length === 1) return first;
  if (months.length === 3 && (m - 1) % 3 === 0) return `${year}-Q${(m + 2) / 3}`;
  if (months.length === 12 && m === 1) return year;
  return null;
}

function build(
  kind: PeriodKind,
  start: string,
  end: string,
  params: Record<string, string>,
): Period {
  const aligned = start.endsWith("-01") && end === lastDay(end.slice(0, 7));
  const months = aligned ? monthsBetween(start.slice(0, 7), end.slice(0, 7)) : null;
  const key = months ? calendarKey(months) : null;
  const label = key ?? (start === end ? start : `${start} – ${end}`);
  return { kind, start, end, months, key, year: Number(end.slice(0, 4)), label, params };
}

/** The month containing `at` (YYYY-MM) as a period. */
export function monthPeriod(month: string): Period {
  return build("month", `${month}-01`, lastDay(month), { period: "month", at: month });
}

/** A quarter: "2026-Q4". */
export function quarterPeriod(year: number, quarter: number): Period {
  const first = `${year}-${pad(quarter * 3 - 2)}`;
  const last = `${year}-${pad(quarter * 3)}`;
  return build("quarter", `${first}-01`, lastDay(last), {
    period: "quarter",
    at: `${year}-Q${quarter}`,
  });
}

export function yearPeriod(year: number): Period {
  return build("year", `${year}-01-01`, `${year}-12-31`, { period: "year", at: String(year) });
}

export function customPeriod(from: string, to: string): Period {
  return build("custom", from, to, { period: "custom", from, to });
}

/** The same kind of period, one step earlier (-1) or later (+1); null for custom ranges. */
export function stepPeriod(period: Period, delta: -1 | 1): Period | null {
  if (period.kind === "month") return monthPeriod(shiftMonth(period.start.slice(0, 7), delta));
  if (period.kind === "quarter") {
    const month = shiftMonth(period.start.slice(0, 7), delta * 3);
    return quarterPeriod(Number(month.slice(0, 4)), Math.ceil(Number(month.slice(5, 7)) / 3));
  }
  if (period.kind === "year") return yearPeriod(period.year + delta);
  return null;
}

/** The month, quarter or year `at` names (2026-11, 2026-Q4, 2026), or null. */
function namedPeriod(kind: Exclude<PeriodKind, "custom">, at: string): Period | null {
  if (kind === "month") {
    const month = parseMonth(at);
    return month ? monthPeriod(month) : null;
  }
  const m = kind === "quarter" ? /^(\d{4})-Q([1-4])$/i.exec(at) : /^(\d{4})$/.exec(at);
  const year = Number(m?.[1]);
  if (!m || year < MIN_YEAR || year > MAX_YEAR) return null;
  return kind === "quarter" ? quarterPeriod(year, Number(m[2])) : yearPeriod(year);
}

/**
 * Reads `period` (month | quarter | year | custom) with `at` (2026-11, 2026-Q4, 2026;
 * defaults to the one containing today) or `from`/`to` (YYYY-MM-DD) for custom ranges.
 * Dates without an `at` are a custom range whatever `period` says: an officer who typed
 * dates meant them. Anything invalid falls back to this month, with the error keyed by field.
 */
export function parsePeriod(search: URLSearchParams, now: Date): ParsedPeriod {
  const thisMonth = shanghaiDate(now).slice(0, 7);
  const raw = search.get("period");
  const at = search.get("at")?.trim() || null;
  const from = search.get("from")?.trim() ?? "";
  const to = search.get("to")?.trim() ?? "";
  const kind: PeriodKind =
    !at && (from || to)
      ? "custom"
      : PERIOD_KINDS.includes(raw as PeriodKind)
        ? (raw as PeriodKind)
        : "month";
  const values = { period: kind, from, to };
  const fallback = (errors: Record<string, string>): ParsedPeriod => ({
    period: monthPeriod(thisMonth),
    errors,
    values,
  });

  if (kind !== "custom") {
    if (!at) return { period: currentPeriods(now)[kind], errors: {}, values };
    const period = namedPeriod(kind, at);
    return period ? { period, errors: {}, values } : fallback({ at: "dash.period.errors.at" });
  }

  const errors: Record<string, string> = {};
  const start = parseDay(from);
  const end = parseDay(to);
  if (!from) errors.from = "dash.period.errors.fromRequired";
  else if (!start) errors.from = "dash.period.errors.date";
  if (!to) errors.to = "dash.period.errors.toRequired";
  else if (!end) errors.to = "dash.period.errors.date";
  if (start && end) {
    if (end < start) errors.to = "dash.period.errors.order";
    else if (daysBetween(start, end) + 1 > MAX_CUSTOM_DAYS)
      errors.to = "dash.period.errors.tooLong";
  }
  if (Object.keys(errors).length || !start || !end) return fallback(errors);
  return { period: customPeriod(start, end), errors: {}, values };
}

/** This month, quarter and year in Shanghai at `now`. */
export function currentPeriods(now: Date): Record<Exclude<PeriodKind, "custom">, Period> {
  const month = shanghaiDate(now).slice(0, 7);
  const year = Number(month.slice(0, 4));
  return {
    month: monthPeriod(month),
    quarter: quarterPeriod(year, Math.ceil(Number(month.slice(5, 7)) / 3)),
    year: yearPeriod(year),
  };
}

/**
 * The one-click choices of a period picker (this month, quarter, year), each with the
 * query that always means "the current one" and whether it is the period shown.
 */
export function quickPeriods(
  shown: Period,
  now: Date,
): Array<{ kind: Exclude<PeriodKind, "custom">; query: string; current: boolean }> {
  const current = currentPeriods(now);
  return (["month", "quarter", "year"] as const).map((kind) => ({
    kind,
    query: `period=${kind}`,
    current: shown.kind === kind && shown.key === current[kind].key,
  }));
}

/**
 * A day range as the whole months inside it plus the loose days at either end, so sums
 * can read the monthly tables for the middle and the daily ones only for the ends.
 */
export function splitRange(period: Pick<Period, "start" | "end">): {
  months: string[];
  days: Array<{ from: string; to: string }>;
} {
  const { start, end } = period;
  const startMonth = start.slice(0, 7);
  const endMonth = end.slice(0, 7);
  const firstWhole = start.endsWith("-01") ? startMonth : shiftMonth(startMonth, 1);
  const lastWhole = end === lastDay(endMonth) ? endMonth : shiftMonth(endMonth, -1);
  if (firstWhole > lastWhole) return { months: [], days: [{ from: start, to: end }] };
  const days: Array<{ from: string; to: string }> = [];
  if (firstWhole !== startMonth) days.push({ from: start, to: lastDay(startMonth) });
  if (lastWhole !== endMonth) days.push({ from: `${endMonth}-01`, to: end });
  return { months: monthsBetween(firstWhole, lastWhole), days };
}

/** The query string of a period, plus extra parameters (filters, page). */
export function periodQuery(period: Period, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams(period.params);
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
  return params.toString();
}

/** Whether a month (YYYY-MM) has ended in Shanghai at `now`. */
export function monthHasEnded(month: string, now: Date): boolean {
  return month < shanghaiDate(now).slice(0, 7);
}

/** [start, end) of a period as UTC ISO instants (Shanghai is UTC+8 all year). */
export function periodInstants(period: Pick<Period, "start" | "end">): {
  start: string;
  end: string;
} {
  const start = new Date(`${period.start}T00:00:00+08:00`);
  const end = new Date(`${period.end}T00:00:00+08:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}
