// The benchmark's arithmetic and its one table: pure, so it is unit-tested on its own.

/** Nearest-rank percentile of an ascending list; NaN when it is empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export function latencyOf(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export type Visitor = "anonymous" | "signed-in" | "static";

export interface Row extends Latency {
  scenario: string;
  visitor: Visitor;
  connections: number;
  /** responses of any status per second over the measured time */
  reqPerSec: number;
  requests: number;
  non2xx: number;
  /** connection errors and timeouts: requests that got no answer at all */
  errors: number;
  /** reqPerSec ÷ the static baseline's at the same connection count, in percent */
  pctOfStatic: number | null;
  /**
   * How long the store went on working after the load stopped (ms); null when it was still
   * busy after the bench's patience and was restarted.
   */
  drainMs?: number | null;
}

/** row ÷ baseline in percent, or null when there is no baseline to compare with */
export function pctOf(reqPerSec: number, baseline: number | undefined): number | null {
  if (!baseline || !Number.isFinite(baseline) || baseline <= 0) return null;
  return (reqPerSec / baseline) * 100;
}

/** Fills in `pctOfStatic` from the static rows of the same connection count. */
export function withStaticShare(rows: readonly Row[]): Row[] {
  const baseline = new Map(
    rows.filter((r) => r.visitor === "static").map((r) => [r.connections, r.reqPerSec]),
  );
  return rows.map((r) => ({ ...r, pctOfStatic: pctOf(r.reqPerSec, baseline.get(r.connections)) }));
}

export interface CheckoutSummary {
  connections: number;
  seconds: number;
  completed: number;
  perSecond: number;
  soldOut: number;
  failed: number;
  /** of the whole add → order → pay sequence */
  latency: Latency;
  oversold: boolean;
  /** every unit of the limited products is on the shelf or in an order (none lost or made up) */
  stockAccounted: boolean;
  ledgerGreen: boolean;
}

export interface BundleSummary {
  /** largest over the locales, gzipped bytes */
  productPage: number;
  /** the heaviest page of all, gzipped bytes */
  largest: { route: string; gzip: number };
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
/** whole numbers, but a store doing under ten a second is not rounded down to nothing */
export const perSecond = (x: number) => x.toFixed(x < 10 ? 1 : 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatTable(rows: readonly Row[]): string {
  const lines = [
    "| scenario | visitor | conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx | % of static |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const r of rows) {
    const failures = r.errors ? `${r.non2xx} (+${r.errors} err)` : String(r.non2xx);
    const share = r.pctOfStatic === null ? "–" : `${r.pctOfStatic.toFixed(0)} %`;
    lines.push(
      `| ${r.scenario} | ${r.visitor} | ${r.connections} | ${perSecond(r.reqPerSec)} | ` +
        `${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${failures} | ${share} |`,
    );
  }
  const restarted = rows.filter((r) => r.drainMs === null);
  if (restarted.length) {
    lines.push(
      "",
      `Still busy 10 s after the load stopped, so restarted: ` +
        restarted.map((r) => `${r.scenario} ${r.visitor} @${r.connections}`).join(", "),
    );
  }
  return lines.join("\n");
}

/**
 * Several runs of the same scenarios (SQLite and PostgreSQL) in one table, side by side:
 * req/s, p50 and p99 of each per scenario, visitor and connection count, in the first run's
 * order; "–" where a run did not measure a row.
 */
export function formatComparison(runs: ReadonlyArray<{ label: string; rows: readonly Row[] }>) {
  const key = (r: Row) => `${r.scenario}\u0000${r.visitor}\u0000${r.connections}`;
  const byKey = runs.map((run) => new Map(run.rows.map((r) => [key(r), r])));
  const order: Row[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const r of run.rows) {
      if (!seen.has(key(r))) order.push(r);
      seen.add(key(r));
    }
  }
  const head = runs.map((r) => `${r.label} req/s | ${r.label} p50 ms | ${r.label} p99 ms`);
  const lines = [
    `| scenario | visitor | conns | ${head.join(" | ")} |`,
    `|---|---|--:|${runs.map(() => "--:|--:|--:|").join("")}`,
  ];
  for (const r of order) {
    const cells = byKey.map((rows) => {
      const m = rows.get(key(r));
      if (!m) return "– | – | –";
      const failures = m.non2xx + m.errors ? ` (${m.non2xx + m.errors} failed)` : "";
      return `${perSecond(m.reqPerSec)}${failures} | ${ms(m.p50)} | ${ms(m.p99)}`;
    });
    lines.push(`| ${r.scenario} | ${r.visitor} | ${r.connections} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export function formatCheckout(c: CheckoutSummary): string {
  return (
    `checkouts @ ${c.connections} conns: ${c.perSecond.toFixed(1)}/s ` +
    `(${c.completed} in ${c.seconds} s; sold out ${c.soldOut}, failed ${c.failed}; ` +
    `sequence p50/p95/p99 ${ms(c.latency.p50)}/${ms(c.latency.p95)}/${ms(c.latency.p99)} ms), ` +
    `oversold: ${c.oversold ? "yes" : "no"}, stock accounted: ${c.stockAccounted ? "yes" : "no"}, ` +
    `ledger: ${c.ledgerGreen ? "green" : "red"}`
  );
}

export function formatBundle(b: BundleSummary | { error: string }): string {
  if ("error" in b) return `JS budget: not measured (${b.error})`;
  return (
    `JS budget: product page ${kb(b.productPage)} gz (≤ 100 KB), ` +
    `heaviest page ${b.largest.route} ${kb(b.largest.gzip)} gz (≤ 150 KB)`
  );
}

export interface Target {
  name: string;
  /** null: not measured in this run (e.g. --only, --skip-checkout) */
  met: boolean | null;
  detail: string;
}

const PAGE_SCENARIOS = ["home", "catalogue", "search", "product", "county"];
const AT = 10;

/** The targets, all at 10 connections, judged from what this run measured. */
export function evaluateTargets(
  rows: readonly Row[],
  checkouts: readonly CheckoutSummary[],
  bundle: BundleSummary | { error: string } | null,
): Target[] {
  const pages = (visitor: Visitor) =>
    rows.filter(
      (r) => r.visitor === visitor && r.connections === AT && PAGE_SCENARIOS.includes(r.scenario),
    );
  const judge = (list: Row[], ok: (r: Row) => boolean, show: (r: Row) => string) => ({
    met: list.length ? list.every(ok) : null,
    detail: list.map((r) => `${r.scenario} ${show(r)}`).join(", ") || "not measured",
  });
  const anonymous = pages("anonymous");
  const signedIn = pages("signed-in");
  const checkout = checkouts.find((c) => c.connections === AT);
  const measuredBundle = bundle && !("error" in bundle) ? bundle : null;
  return [
    {
      name: "anonymous pages ≥ 40 % of static req/s @10",
      ...judge(
        anonymous,
        (r) => (r.pctOfStatic ?? 0) >= 40,
        (r) => `${r.pctOfStatic?.toFixed(0) ?? "?"} %`,
      ),
    },
    {
      name: "anonymous pages p99 < 50 ms @10",
      ...judge(
        anonymous,
        (r) => r.p99 < 50,
        (r) => `${ms(r.p99)} ms`,
      ),
    },
    {
      name: "signed-in-with-cart pages ≥ 1,000 req/s @10",
      ...judge(
        signedIn,
        (r) => r.reqPerSec >= 1000,
        (r) => `${r.reqPerSec.toFixed(0)}/s`,
      ),
    },
    {
      name: "≥ 300 checkouts/s @10, no oversell, ledger green",
      met: checkout
        ? checkout.perSecond >= 300 &&
          !checkout.oversold &&
          checkout.stockAccounted &&
          checkout.ledgerGreen
        : null,
      detail: checkout ? formatCheckout(checkout) : "not measured",
    },
    {
      name: "product page ≤ 100 KB gzipped JS",
      met: measuredBundle ? measuredBundle.productPage <= 100 * 1024 : null,
      detail: measuredBundle ? kb(measuredBundle.productPage) : "not measured",
    },
    {
      name: "no page > 150 KB gzipped JS",
      met: measuredBundle ? measuredBundle.largest.gzip <= 150 * 1024 : null,
      detail: measuredBundle
        ? `${measuredBundle.largest.route} ${kb(measuredBundle.largest.gzip)}`
        : "not measured",
    },
  ];
}

export function formatTargets(targets: readonly Target[]): string {
  const mark = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "NOT met");
  return targets.map((t) => `- ${t.name}: **${mark(t.met)}** (${t.detail})`).join("\n");
}
