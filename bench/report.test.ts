import { describe, expect, it } from "vitest";
import {
  evaluateTargets,
  formatComparison,
  formatTable,
  latencyOf,
  pctOf,
  percentile,
  withStaticShare,
  type CheckoutSummary,
  type Row,
} from "./report";

const row = (over: Partial<Row>): Row => ({
  scenario: "home",
  visitor: "anonymous",
  connections: 10,
  reqPerSec: 100,
  requests: 500,
  p50: 5,
  p95: 10,
  p99: 20,
  non2xx: 0,
  errors: 0,
  pctOfStatic: null,
  ...over,
});

describe("percentile", () => {
  it("takes the nearest rank of a sorted list", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it("is NaN for no responses at all, not zero (which would look fast)", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it("sorts response times itself", () => {
    expect(latencyOf([30, 10, 20, 40])).toEqual({ p50: 20, p95: 40, p99: 40 });
  });
});

describe("% of static", () => {
  it("divides by the static baseline at the same connection count", () => {
    const rows = withStaticShare([
      row({
        scenario: "catalogue (static file)",
        visitor: "static",
        connections: 1,
        reqPerSec: 1000,
      }),
      row({
        scenario: "catalogue (static file)",
        visitor: "static",
        connections: 10,
        reqPerSec: 4000,
      }),
      row({ connections: 1, reqPerSec: 250 }),
      row({ connections: 10, reqPerSec: 2000 }),
      row({ connections: 100, reqPerSec: 2000 }),
    ]);
    expect(rows.map((r) => r.pctOfStatic)).toEqual([100, 100, 25, 50, null]);
  });

  it("has no share without a usable baseline", () => {
    expect(pctOf(100, undefined)).toBeNull();
    expect(pctOf(100, 0)).toBeNull();
    expect(pctOf(50, 200)).toBe(25);
  });
});

describe("the table", () => {
  it("prints one markdown row per measurement, with failures and the share", () => {
    const table = formatTable([
      row({ reqPerSec: 1234.4, p50: 1.23, p99: 45.67, non2xx: 3, errors: 2, pctOfStatic: 41.6 }),
      row({ visitor: "signed-in", reqPerSec: 0.5, p50: NaN, p95: NaN, p99: NaN }),
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^\| scenario \| visitor \| conns \| req\/s \|.*% of static \|$/);
    expect(lines[2]).toBe(
      "| home | anonymous | 10 | 1234 | 1.2 | 10.0 | 45.7 | 3 (+2 err) | 42 % |",
    );
    expect(lines[3]).toBe("| home | signed-in | 10 | 0.5 | – | – | – | 0 | – |");
  });

  it("names the measurements after which the store had to be restarted", () => {
    const table = formatTable([row({ drainMs: 120 }), row({ scenario: "county", drainMs: null })]);
    expect(table).toMatch(/restarted: county anonymous @10$/);
    expect(table).not.toMatch(/home anonymous @10/);
  });
});

describe("targets", () => {
  const checkout = (over: Partial<CheckoutSummary>): CheckoutSummary => ({
    connections: 10,
    seconds: 5,
    completed: 1600,
    perSecond: 320,
    soldOut: 0,
    failed: 0,
    latency: { p50: 20, p95: 30, p99: 40 },
    oversold: false,
    stockAccounted: true,
    ledgerGreen: true,
    ...over,
  });

  it("judges each target at 10 connections only", () => {
    const rows = [
      row({ scenario: "home", pctOfStatic: 45, p99: 30 }),
      row({ scenario: "catalogue", pctOfStatic: 39, p99: 30 }),
      row({ scenario: "home", connections: 100, pctOfStatic: 1, p99: 900 }),
      row({ scenario: "home", visitor: "signed-in", reqPerSec: 1500 }),
    ];
    const targets = evaluateTargets(rows, [checkout({})], {
      productPage: 90 * 1024,
      largest: { route: "routes/aid", gzip: 151 * 1024 },
    });
    expect(targets.map((t) => t.met)).toEqual([false, true, true, true, true, false]);
    expect(targets[0]!.detail).toBe("home 45 %, catalogue 39 %");
  });

  it("fails checkouts on oversell, lost stock or a red ledger, whatever the speed", () => {
    for (const bad of [{ oversold: true }, { stockAccounted: false }, { ledgerGreen: false }]) {
      const [, , , target] = evaluateTargets([], [checkout(bad)], null);
      expect(target!.met).toBe(false);
    }
  });

  it("says not measured rather than met when a part was skipped", () => {
    const targets = evaluateTargets([], [], { error: "no build" });
    expect(targets.every((t) => t.met === null)).toBe(true);
  });
});

describe("formatComparison", () => {
  it("puts each run's req/s, p50 and p99 side by side, row by row", () => {
    const sqlite = [
      row({ scenario: "catalogue (static file)", visitor: "static", reqPerSec: 9000, p50: 1 }),
      row({ reqPerSec: 1500, p50: 4, p99: 12 }),
    ];
    const postgres = [row({ reqPerSec: 900, p50: 7, p99: 30.25, non2xx: 2 })];
    const table = formatComparison([
      { label: "SQLite", rows: sqlite },
      { label: "PostgreSQL", rows: postgres },
    ]).split("\n");
    expect(table[0]).toBe(
      "| scenario | visitor | conns | SQLite req/s | SQLite p50 ms | SQLite p99 ms | " +
        "PostgreSQL req/s | PostgreSQL p50 ms | PostgreSQL p99 ms |",
    );
    expect(table).toHaveLength(4);
    expect(table[2]).toBe(
      "| catalogue (static file) | static | 10 | 9000 | 1.0 | 20.0 | – | – | – |",
    );
    expect(table[3]).toBe(
      "| home | anonymous | 10 | 1500 | 4.0 | 12.0 | 900 (2 failed) | 7.0 | 30.3 |",
    );
  });
});
