// Stored timestamps are UTC ISO strings; calendars (order numbers, reports, "this year",
// certificate expiry) run on Asia/Shanghai time.
export const STORE_TIME_ZONE = "Asia/Shanghai";

const dateParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: STORE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** YYYY-MM-DD of the given instant in Shanghai. */
export function shanghaiDate(at: Date): string {
  return dateParts.format(at);
}

/** [start, end) of the Shanghai calendar year containing `at`, as UTC ISO strings. */
export function shanghaiYearRange(at: Date): { start: string; end: string; year: number } {
  const year = Number(shanghaiDate(at).slice(0, 4));
  // Shanghai has had no daylight saving since 1991: a fixed +08:00 offset is exact.
  return {
    year,
    start: new Date(`${year}-01-01T00:00:00+08:00`).toISOString(),
    end: new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString(),
  };
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
