import { describe, expect, it } from "vitest";
import {
  customPeriod,
  monthHasEnded,
  monthPeriod,
  parsePeriod,
  periodQuery,
  quickPeriods,
  splitRange,
  stepPeriod,
} from "./periods";

// 2026-11-30 20:30 in Shanghai is still 30 November; 16:30 UTC on the 30th
const NOW = new Date("2026-11-30T12:30:00Z");
// 1 December 00:30 in Shanghai, 30 November 16:30 UTC
const NEW_MONTH = new Date("2026-11-30T16:30:00Z");

const parse = (query: string, now = NOW) => parsePeriod(new URLSearchParams(query), now);

describe("report periods", () => {
  it("defaults to this month in Shanghai, whatever the UTC date", () => {
    expect(parse("").period).toMatchObject({
      kind: "month",
      start: "2026-11-01",
      end: "2026-11-30",
      months: ["2026-11"],
      key: "2026-11",
      label: "2026-11",
      year: 2026,
    });
    expect(parse("", NEW_MONTH).period).toMatchObject({ start: "2026-12-01", end: "2026-12-31" });
    expect(parse("period=year", new Date("2026-12-31T16:00:00Z")).period.key).toBe("2027");
  });

  it("reads this quarter and this year, and a given month, quarter or year", () => {
    expect(parse("period=quarter").period).toMatchObject({
      start: "2026-10-01",
      end: "2026-12-31",
      months: ["2026-10", "2026-11", "2026-12"],
      key: "2026-Q4",
    });
    expect(parse("period=year").period).toMatchObject({
      start: "2026-01-01",
      end: "2026-12-31",
      key: "2026",
    });
    expect(parse("period=year").period.months).toHaveLength(12);
    expect(parse("period=month&at=2024-02").period).toMatchObject({
      start: "2024-02-01",
      end: "2024-02-29",
      key: "2024-02",
    });
    expect(parse("period=quarter&at=2025-Q1").period).toMatchObject({
      start: "2025-01-01",
      end: "2025-03-31",
      key: "2025-Q1",
      year: 2025,
    });
    expect(parse("period=year&at=2025").period).toMatchObject({ key: "2025", year: 2025 });
  });

  it("reads a custom range, knowing when it is made of whole months", () => {
    const loose = parse("period=custom&from=2026-06-05&to=2026-06-20");
    expect(loose.errors).toEqual({});
    expect(loose.period).toMatchObject({
      kind: "custom",
      start: "2026-06-05",
      end: "2026-06-20",
      months: null,
      key: null,
      label: "2026-06-05 – 2026-06-20",
    });
    expect(parse("period=custom&from=2026-03-01&to=2026-05-31").period).toMatchObject({
      months: ["2026-03", "2026-04", "2026-05"],
      key: null,
    });
    // a custom range that happens to be a calendar quarter uses its stored counts
    expect(parse("period=custom&from=2026-04-01&to=2026-06-30").period.key).toBe("2026-Q2");
    expect(parse("period=custom&from=2026-02-01&to=2026-02-28").period.key).toBe("2026-02");
    expect(parse("period=custom&from=2025-12-01&to=2026-11-30").period).toMatchObject({
      key: null,
      year: 2026,
    });
    expect(parse("period=custom&from=2026-06-05&to=2026-06-05").period.label).toBe("2026-06-05");
  });

  it("refuses bad input field by field and falls back to this month", () => {
    const cases: Array<[string, Record<string, string>]> = [
      [
        "period=custom",
        { from: "dash.period.errors.fromRequired", to: "dash.period.errors.toRequired" },
      ],
      ["period=custom&from=2026-02-30&to=2026-03-01", { from: "dash.period.errors.date" }],
      ["period=custom&from=2026-03-01&to=tomorrow", { to: "dash.period.errors.date" }],
      ["period=custom&from=2026-03-10&to=2026-03-01", { to: "dash.period.errors.order" }],
      ["period=custom&from=2016-01-01&to=2026-01-01", { to: "dash.period.errors.tooLong" }],
      ["period=custom&from=1999-01-01&to=2026-01-01", { from: "dash.period.errors.date" }],
      ["period=month&at=2026-13", { at: "dash.period.errors.at" }],
      ["period=quarter&at=2026-Q5", { at: "dash.period.errors.at" }],
      ["period=year&at=20x6", { at: "dash.period.errors.at" }],
    ];
    for (const [query, errors] of cases) {
      const parsed = parse(query);
      expect(parsed.errors, query).toEqual(errors);
      expect(parsed.period.key, query).toBe("2026-11");
    }
    // what was typed comes back for the form
    expect(parse("period=custom&from=2026-03-10&to=2026-03-01").values).toEqual({
      period: "custom",
      from: "2026-03-10",
      to: "2026-03-01",
    });
    // an unknown kind is this month, without complaint
    expect(parse("period=week").period.key).toBe("2026-11");
  });

  it("takes typed dates as a custom range whatever kind was left selected, unless `at` names one", () => {
    for (const query of [
      "from=2026-06-05&to=2026-06-20",
      "period=month&from=2026-06-05&to=2026-06-20",
      "period=year&from=2026-06-05&to=2026-06-20",
    ]) {
      expect(parse(query).period, query).toMatchObject({
        kind: "custom",
        label: "2026-06-05 – 2026-06-20",
      });
    }
    expect(parse("period=quarter&to=2026-06-20")).toMatchObject({
      errors: { from: "dash.period.errors.fromRequired" },
      values: { period: "custom", from: "", to: "2026-06-20" },
    });
    expect(parse("period=month&at=2026-06&from=2026-06-05&to=2026-06-20").period.key).toBe(
      "2026-06",
    );
  });

  it("offers this month, quarter and year, marking the one shown", () => {
    const quick = (query: string) =>
      quickPeriods(parse(query).period, NOW).map((q) => [q.kind, q.query, q.current]);
    expect(quick("")).toEqual([
      ["month", "period=month", true],
      ["quarter", "period=quarter", false],
      ["year", "period=year", false],
    ]);
    expect(quick("period=year&at=2026").map((q) => q[2])).toEqual([false, false, true]);
    expect(quick("period=year&at=2025").map((q) => q[2])).toEqual([false, false, false]);
    expect(quick("period=custom&from=2026-11-01&to=2026-11-30").map((q) => q[2])).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("steps to the previous and next period of the same kind", () => {
    expect(stepPeriod(monthPeriod("2026-01"), -1)?.key).toBe("2025-12");
    expect(stepPeriod(parse("period=quarter&at=2026-Q4").period, 1)?.key).toBe("2027-Q1");
    expect(stepPeriod(parse("period=year&at=2026").period, -1)?.key).toBe("2025");
    expect(stepPeriod(customPeriod("2026-01-05", "2026-01-09"), 1)).toBeNull();
  });

  it("splits a range into whole months and loose days at its ends", () => {
    expect(splitRange(monthPeriod("2026-02"))).toEqual({ months: ["2026-02"], days: [] });
    expect(splitRange({ start: "2026-02-10", end: "2026-05-20" })).toEqual({
      months: ["2026-03", "2026-04"],
      days: [
        { from: "2026-02-10", to: "2026-02-28" },
        { from: "2026-05-01", to: "2026-05-20" },
      ],
    });
    expect(splitRange({ start: "2026-02-10", end: "2026-03-31" })).toEqual({
      months: ["2026-03"],
      days: [{ from: "2026-02-10", to: "2026-02-28" }],
    });
    expect(splitRange({ start: "2026-02-10", end: "2026-03-05" })).toEqual({
      months: [],
      days: [{ from: "2026-02-10", to: "2026-03-05" }],
    });
    expect(splitRange({ start: "2026-02-01", end: "2026-02-27" })).toEqual({
      months: [],
      days: [{ from: "2026-02-01", to: "2026-02-27" }],
    });
  });

  it("writes a period back into a query string", () => {
    expect(periodQuery(monthPeriod("2026-03"), { county: "datong", page: 2 })).toBe(
      "period=month&at=2026-03&county=datong&page=2",
    );
    expect(periodQuery(customPeriod("2026-03-02", "2026-03-09"))).toBe(
      "period=custom&from=2026-03-02&to=2026-03-09",
    );
  });

  it("knows when a month has ended in Shanghai", () => {
    expect(monthHasEnded("2026-11", NOW)).toBe(false);
    expect(monthHasEnded("2026-11", NEW_MONTH)).toBe(true);
    expect(monthHasEnded("2026-10", NOW)).toBe(true);
    expect(monthHasEnded("2026-12", NEW_MONTH)).toBe(false);
  });
});
