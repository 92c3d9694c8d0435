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

/** The Shanghai calendar year of the given instant (now by default): "this year" everywhere. */
export function shanghaiYear(at: Date = new Date()): number {
  return Number(shanghaiDate(at).slice(0, 4));
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** [start, end) of the Shanghai calendar month containing `at`, as UTC ISO strings. */
export function shanghaiMonthRange(at: Date): {
  start: string;
  end: string;
  year: number;
  month: number;
} {
  const [year, month] = shanghaiDate(at).split("-").map(Number) as [number, number];
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    year,
    month,
    start: new Date(`${year}-${pad(month)}-01T00:00:00+08:00`).toISOString(),
    end: new Date(`${next.y}-${pad(next.m)}-01T00:00:00+08:00`).toISOString(),
  };
}

const dateTimeParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: STORE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * "YYYY-MM-DD HH:mm" in Shanghai time. Built from parts, so the server and the browser
 * print exactly the same text whatever their locale data.
 */
export function shanghaiDateTime(at: Date | string): string {
  const parts: Record<string, string> = {};
  for (const p of dateTimeParts.formatToParts(typeof at === "string" ? new Date(at) : at)) {
    parts[p.type] = p.value;
  }
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
