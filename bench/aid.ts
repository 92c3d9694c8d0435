// Aid-office figures at scale: `npm run bench:aid` (after `npm run seed:volume`).
//
//   --db FILE     the volume database (default data/volume.sqlite)
//   --year YYYY   the year to ask for (default: the year with the most ledger entries)
//   --runs N      timed runs per query after warm-up (default 30)
//   --explain     print the slowest SQL statements with EXPLAIN QUERY PLAN
//   --http        also start the built server on the volume DB and time GET /aid and the
//                 CSV download over loopback (needs `npm run build`)
//
// In-process: the /aid loader's domain calls for a full year, each breakdown on its own,
// and a few other periods (custom ranges of several lengths among them), then the year's
// integrity flags rule by rule (budget 1 s), timed with performance.now() (server time, no
// HTTP). Then the CSV export of every entry of the year, run in a child process so that the
// RSS measured is the export's own. Prints p50/p95/max from one run; the machine is small and noisy.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type autocannon from "autocannon";
import { Kysely, SqliteDialect, type LogEvent } from "kysely";
import { migrateToLatest, openSqlite, type DB } from "../db/connection";
import type { Database } from "../db/schema";
import { customPeriod, monthPeriod, parsePeriod, yearPeriod } from "../app/domain/aid/periods";
// The rest is imported where it is used, so that the export's child process loads only
// what an export needs and its RSS is the export's own.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET_MS = 100;
/** the integrity flags of a whole year */
const INTEGRITY_BUDGET_MS = 1000;
const RSS_BUDGET_MB = 200;

interface Args {
  db: string;
  year: number | null;
  runs: number;
  explain: boolean;
  http: boolean;
  exportChild: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    db: "data/volume.sqlite",
    year: null,
    runs: 30,
    explain: false,
    http: false,
    exportChild: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--db") args.db = value();
    else if (a === "--year") args.year = Number(value());
    else if (a === "--runs") args.runs = Math.max(1, Number(value()));
    else if (a === "--explain") args.explain = true;
    else if (a === "--http") args.http = true;
    else if (a === "--export-child") args.exportChild = true;
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mb = (bytes: number) => bytes / 1048576;

/** VmHWM (peak resident set) of a process, from /proc, in bytes; null off Linux. */
function peakRss(pid: number | "self"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function currentRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** A Kysely on the file that records every statement and how long SQLite took over it. */
function openTimed(file: string) {
  const statements = new Map<string, { times: number[]; parameters: readonly unknown[] }>();
  let recording = false;
  const sqlite = openSqlite(file);
  const db: DB = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log(event: LogEvent) {
      if (!recording || event.level !== "query") return;
      const key = event.query.sql;
      const entry = statements.get(key) ?? { times: [], parameters: event.query.parameters };
      entry.times.push(event.queryDurationMillis);
      statements.set(key, entry);
    },
  });
  return {
    db,
    statements,
    record(on: boolean) {
      recording = on;
    },
    explain(statement: string, parameters: readonly unknown[]): string[] {
      const rows = sqlite.prepare(`explain query plan ${statement}`).all(...parameters) as Array<{
        id: number;
        parent: number;
        detail: string;
      }>;
      const depth = new Map<number, number>([[0, 0]]);
      return rows.map((r) => {
        const d = (depth.get(r.parent) ?? 0) + 1;
        depth.set(r.id, d);
        return `${"  ".repeat(d)}${r.detail}`;
      });
    },
  };
}

/** Custom ranges timed beside the calendar periods: a week, a month, a quarter, most of a
 * year (all with loose days at both ends), two across New Year and one of two years. */
function customRanges(year: number): Array<[string, string]> {
  return [
    [`${year}-06-10`, `${year}-06-16`],
    [`${year}-03-15`, `${year}-04-14`],
    [`${year}-02-10`, `${year}-05-20`],
    [`${year}-02-03`, `${year}-11-27`],
    [`${year - 1}-12-20`, `${year}-01-10`],
    [`${year}-12-15`, `${year + 1}-01-15`],
    [`${year - 1}-03-05`, `${year + 1}-02-25`],
  ];
}

async function time(
  label: string,
  runs: number,
  fn: () => Promise<unknown>,
  budget = BUDGET_MS,
  warmup = 3,
) {
  for (let i = 0; i < warmup; i++) await fn(); // warm-up: page cache, prepared statements
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const row = {
    label,
    budget,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1)!,
  };
  console.log(
    label.padEnd(50),
    row.p50.toFixed(1).padStart(8),
    row.p95.toFixed(1).padStart(8),
    row.max.toFixed(1).padStart(8),
    row.p95 < budget ? `    ok (< ${budget} ms)` : `    OVER ${budget} ms`,
  );
  return row;
}

// ─── the export, in a child process ───────────────────────────────────────────────────────

interface ExportResult {
  rows: number;
  bytes: number;
  ms: number;
  baselineRssMb: number;
  peakRssMb: number;
  hwmMb: number | null;
  samples: number;
}

/** Child side: stream the year's entries as CSV into a byte counter; report on stdout. */
async function exportChild(args: Args) {
  const year = args.year!;
  const { csvStream } = await import("../app/domain/aid/exports/csv.server");
  const { exportColumns } = await import("../app/domain/aid/exports/columns.server");
  const { exportRowsFromFile } = await import("../app/domain/aid/exports/rows.server");
  const fallback = new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(":memory:") }),
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let samples = 0;
  const timer = setInterval(() => {
    samples++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  let rows = 0;
  async function* counted() {
    for await (const row of exportRowsFromFile(path.resolve(args.db), fallback, {
      period: yearPeriod(year),
      breakdown: "entries",
    })) {
      rows++;
      yield row;
    }
  }
  const started = performance.now();
  const reader = csvStream(exportColumns("entries"), counted()).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  await fallback.destroy();
  const result: ExportResult = {
    rows,
    bytes,
    ms,
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peak),
    hwmMb: peakRss("self") == null ? null : mb(peakRss("self")!),
    samples,
  };
  process.stdout.write(`EXPORT-RESULT ${JSON.stringify(result)}\n`);
}

async function runExportChild(args: Args, year: number): Promise<ExportResult> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench/aid.ts"), "--export-child", "--db", args.db],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_AID_YEAR: String(year) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // the parent watches too, from /proc, in case the child's own timer is starved
  let watchedPeak = 0;
  const watch = setInterval(() => {
    const rss = child.pid ? currentRss(child.pid) : null;
    if (rss) watchedPeak = Math.max(watchedPeak, rss);
  }, 100);
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(watch);
  const line = out.split("\n").find((l) => l.startsWith("EXPORT-RESULT "));
  if (code !== 0 || !line) throw new Error(`export child failed (exit ${code}):\n${out}`);
  const result = JSON.parse(line.slice("EXPORT-RESULT ".length)) as ExportResult;
  result.peakRssMb = Math.max(result.peakRssMb, mb(watchedPeak));
  return result;
}

// ─── over HTTP (optional) ─────────────────────────────────────────────────────────────────

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** GET with node:http (no compression), reading at `rate` bytes/s (0: as fast as it comes). */
function download(url: string, headers: Record<string, string>, rate: number, limitMs: number) {
  return new Promise<{ status: number; bytes: number; complete: boolean }>((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let bytes = 0;
      const started = Date.now();
      const stop = setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, bytes, complete: false });
      }, limitMs);
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (!rate) return;
        const ahead = bytes / rate - (Date.now() - started) / 1000;
        if (ahead > 0) {
          res.pause();
          setTimeout(() => res.resume(), ahead * 1000);
        }
      });
      res.on("end", () => {
        clearTimeout(stop);
        resolve({ status: res.statusCode ?? 0, bytes, complete: true });
      });
      res.on("error", () => {});
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
  });
}

async function httpBench(args: Args, file: string, db: DB, year: number) {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    console.log("\nhttp: build/index.js is missing; run `npm run build` first (skipped)");
    return;
  }
  const { default: autocannon } = await import("autocannon");
  const { createCookie } = await import("@remix-run/node");
  const { createSession } = await import("../app/domain/auth/accounts.server");
  const officer = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "aid_officer")
    .orderBy("id")
    .executeTakeFirst();
  if (!officer) throw new Error("no aid officer in the volume database");
  const secret = crypto.randomBytes(32).toString("hex");
  const { token } = await createSession(db, officer.id, "bench:aid");
  const cookie = await createCookie("shanhai_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [secret],
  }).serialize(token);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(ROOT, "server/index.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: path.resolve(file),
      SESSION_SECRET: secret,
      ALLOW_DEMO_PAYMENTS: "1",
      PUBLIC_URL: base,
      HOST: "127.0.0.1",
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${stderr}`);
      const ok = await fetch(`${base}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server not ready:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const headers = { cookie };
    const pages = [`/aid?period=year&at=${year}`, `/aid?period=month&at=${year}-11`];
    // One request at a time: the loader alone (Remix's ?_data= request, with the loader's
    // Server-Timing: dashboard;dur=…), then the whole page (loader + React rendering).
    console.log(`\nhttp: one request at a time, ${args.runs} runs after 3 warm-up; ms (p50 / p95)`);
    const sequential = async (url: string) => {
      const server: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < args.runs + 3; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
        if (i < 3) continue;
        total.push(performance.now() - t);
        const m = /dashboard;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
        if (m) server.push(Number(m[1]));
      }
      server.sort((a, b) => a - b);
      total.sort((a, b) => a - b);
      const pair = (xs: number[]) =>
        `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`;
      return { server: server.length ? pair(server) : "–", total: pair(total) };
    };
    for (const page of pages) {
      const data = await sequential(
        `${base}${page}&_data=${encodeURIComponent("routes/aid._index")}`,
      );
      const doc = await sequential(base + page);
      console.log(
        page.padEnd(34),
        `loader Server-Timing ${data.server}; loader round trip ${data.total}; page round trip ${doc.total}`,
      );
    }
    console.log(`\nhttp: autocannon, 5 s × 4 connections per page, against ${base}`);
    console.log("page".padEnd(50), "req/s".padStart(8), "p50 ms".padStart(8), "p95 ms".padStart(8), "non-2xx".padStart(8)); // prettier-ignore
    for (const page of pages) {
      const first = await fetch(base + page, { headers, redirect: "manual" });
      if (first.status !== 200) {
        console.log(page.padEnd(50), `HTTP ${first.status}: not measured`);
        continue;
      }
      const times: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: base + page, connections: 4, duration: 5, headers },
          (error, r) => (error ? reject(error) : resolve(r)),
        );
        instance.on("response", (_c, _s, _b, ms) => times.push(ms));
      });
      times.sort((a, b) => a - b);
      console.log(
        page.padEnd(50),
        result.requests.average.toFixed(0).padStart(8),
        percentile(times, 50).toFixed(1).padStart(8),
        percentile(times, 95).toFixed(1).padStart(8),
        String(result.non2xx).padStart(8),
      );
    }
    // The year's CSV: once at full speed, then by a client reading 1 MB/s for 15 s (a
    // phone, a slow office line), watching the server's RSS each time.
    const csvUrl = `${base}/aid/export.csv?period=year&at=${year}`;
    for (const rate of [0, 1_048_576]) {
      const before = currentRss(server.pid!) ?? 0;
      let peak = before;
      const watch = setInterval(() => {
        peak = Math.max(peak, currentRss(server.pid!) ?? 0);
      }, 100);
      const started = performance.now();
      const { status, bytes, complete } = await download(
        csvUrl,
        headers,
        rate,
        rate ? 15_000 : 600_000,
      );
      const seconds = (performance.now() - started) / 1000;
      clearInterval(watch);
      console.log(
        `GET ${csvUrl.slice(base.length)} ${rate ? "at 1 MB/s for 15 s" : "at full speed"}: HTTP ${status}, ` +
          `${mb(bytes).toFixed(0)} MB in ${seconds.toFixed(1)} s${complete ? "" : " (stopped)"}; ` +
          `server RSS ${mb(before).toFixed(0)} → peak ${mb(peak).toFixed(0)} MB`,
      );
      await new Promise((r) => setTimeout(r, 2000)); // let the server notice the hang-up
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.exportChild) {
    args.year = Number(process.env.BENCH_AID_YEAR);
    await exportChild(args);
    return;
  }
  const file = path.resolve(args.db);
  if (!fs.existsSync(file)) {
    console.error(
      `bench:aid: ${args.db} does not exist. Make it first (a few minutes):\n` +
        `  npm run seed:volume -- --orders 1000000${args.db === "data/volume.sqlite" ? "" : ` --out ${args.db}`}`,
    );
    process.exit(1);
  }
  const { aidDashboard } = await import("../app/domain/aid/dashboard.server");
  const { aidTotals } = await import("../app/domain/aid/dashboard/totals.server");
  const { breakdown } = await import("../app/domain/aid/dashboard/breakdowns.server");
  const { listEntries } = await import("../app/domain/aid/dashboard/entries.server");
  const { DIMENSIONS } = await import("../app/domain/aid/dimensions");
  const { pendingReviewSummary } = await import("../app/domain/aid/reviews.server");
  const { DEFAULT_FLAG_LIMIT, INTEGRITY_RULES, integrityQueries } =
    await import("../app/domain/aid/integrity.server");
  const { splitOrderFlags } = await import("../app/domain/aid/split-orders.server");
  const timed = openTimed(file);
  const { db } = timed;
  await migrateToLatest(db); // indexes or tables added since the file was made
  const year =
    args.year ??
    Number(
      (
        await db
          .selectFrom("aid_rollup_monthly")
          .select((eb) => [eb.fn("substr", ["month", eb.val(1), eb.val(4)]).as("year")])
          .groupBy("year")
          .orderBy(db.fn.sum("entries"), "desc")
          .executeTakeFirstOrThrow()
      ).year,
    );
  const counts = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.countAll<number>().as("entries"))
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .executeTakeFirstOrThrow();
  const orders = await db
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  console.log(
    `bench:aid on ${args.db} (${mb(fs.statSync(file).size).toFixed(0)} MB, ` +
      `${Number(orders.n).toLocaleString("en")} orders, ${Number(counts.entries).toLocaleString("en")} ledger entries in ${year}); ` +
      `${args.runs} runs after 3 warm-up, ms\n`,
  );
  console.log("query".padEnd(50), "p50".padStart(8), "p95".padStart(8), "max".padStart(8));

  // What GET /aid?period=year&at=YYYY asks of the database: the loader's own calls.
  const now = new Date(`${year}-12-31T12:00:00+08:00`);
  const loader = async (search: string) => {
    const { period } = parsePeriod(new URLSearchParams(search), now);
    return Promise.all([aidDashboard(db, period, "zh-CN"), pendingReviewSummary(db)]);
  };
  timed.record(true);
  const results = [];
  results.push(
    await time(`loader /aid?period=year&at=${year}`, args.runs, () =>
      loader(`period=year&at=${year}`),
    ),
  );
  results.push(await time(`  aidTotals (year)`, args.runs, () => aidTotals(db, yearPeriod(year))));
  for (const d of DIMENSIONS) {
    results.push(
      await time(`  breakdown ${d} (year)`, args.runs, () => breakdown(db, yearPeriod(year), d)),
    );
  }
  results.push(
    await time(`loader /aid?period=month&at=${year}-11`, args.runs, () =>
      loader(`period=month&at=${year}-11`),
    ),
  );
  results.push(
    await time(`loader /aid custom ${year}-01-15 – ${year}-12-15`, args.runs, () =>
      loader(`period=custom&from=${year}-01-15&to=${year}-12-15`),
    ),
  );
  results.push(
    await time(`  aidTotals custom ${year}-01-15 – ${year}-12-15`, args.runs, () =>
      aidTotals(db, customPeriod(`${year}-01-15`, `${year}-12-15`)),
    ),
  );
  // custom ranges of several lengths, loose days at both ends, one across New Year
  for (const [from, to] of customRanges(year)) {
    results.push(
      await time(`loader /aid custom ${from} – ${to}`, args.runs, () =>
        loader(`period=custom&from=${from}&to=${to}`),
      ),
    );
  }
  results.push(
    await time(`drill-down: entries of ${year}, page 1`, args.runs, () =>
      listEntries(db, yearPeriod(year), {}, 1),
    ),
  );
  results.push(
    await time(`drill-down: union, ${year}-09, page 1`, args.runs, () =>
      listEntries(db, monthPeriod(`${year}-09`), { buyer_type: "union" }, 1),
    ),
  );
  // the integrity flags of the year (/aid/integrity), rule by rule (the page runs them all:
  // its time is about their sum); the slow ones with one warm-up and three runs
  const year_ = yearPeriod(year);
  results.push(
    await time(
      `integrity ${year}: splitOrders`,
      args.runs,
      () => splitOrderFlags(db, year_, DEFAULT_FLAG_LIMIT),
      INTEGRITY_BUDGET_MS,
    ),
  );
  const queries = integrityQueries(db, year_);
  for (const rule of INTEGRITY_RULES.filter((r) => r !== "splitOrders")) {
    results.push(
      await time(
        `integrity ${year}: ${rule}`,
        Math.min(args.runs, 3),
        () => Promise.all(queries[rule].map((q) => db.executeQuery(q))),
        INTEGRITY_BUDGET_MS,
        1,
      ),
    );
  }
  const integrity = results.filter((r) => r.label.startsWith(`integrity ${year}:`));
  const sum = (key: "p50" | "p95") => integrity.reduce((t, r) => t + r[key], 0);
  console.log(
    `integrity ${year}, all rules (Σ of the rules)`.padEnd(50),
    sum("p50").toFixed(1).padStart(8),
    sum("p95").toFixed(1).padStart(8),
    "".padStart(8),
    sum("p95") < INTEGRITY_BUDGET_MS
      ? `    ok (< ${INTEGRITY_BUDGET_MS} ms)`
      : `    OVER ${INTEGRITY_BUDGET_MS} ms`,
  );
  timed.record(false);

  const slow = [...timed.statements.entries()]
    .map(([statement, { times, parameters }]) => {
      const sorted = [...times].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      return { statement, parameters, n: times.length, p50, max: sorted.at(-1)! };
    })
    .sort((a, b) => b.p50 - a.p50);
  console.log(`\nslowest statements (time in SQLite, p50 over all their runs above):`);
  for (const s of slow.slice(0, args.explain ? 8 : 5)) {
    const text = s.statement.replace(/\s+/g, " ");
    console.log(
      `  ${s.p50.toFixed(1).padStart(7)} ms  ×${s.n}  ${args.explain ? text : text.slice(0, 140)}`,
    );
    if (args.explain) {
      console.log(`           parameters ${JSON.stringify(s.parameters)}`);
      for (const line of timed.explain(s.statement, s.parameters)) console.log(`         ${line}`);
    }
  }

  // The CSV export of every entry of the year, in a child process.
  console.log(
    `\nCSV export of every ledger entry of ${year} (child process, RSS sampled every 100 ms):`,
  );
  const exp = await runExportChild(args, year);
  console.log(
    `  ${exp.rows.toLocaleString("en")} rows, ${mb(exp.bytes).toFixed(0)} MB in ${(exp.ms / 1000).toFixed(1)} s ` +
      `(${Math.round(exp.rows / (exp.ms / 1000)).toLocaleString("en")} rows/s); RSS ${exp.baselineRssMb.toFixed(0)} MB before, ` +
      `peak ${exp.peakRssMb.toFixed(0)} MB${exp.hwmMb ? ` (VmHWM ${exp.hwmMb.toFixed(0)} MB)` : ""}` +
      (Math.max(exp.peakRssMb, exp.hwmMb ?? 0) < RSS_BUDGET_MB
        ? "  ok"
        : `  over ${RSS_BUDGET_MB} MB`),
  );

  if (args.http) await httpBench(args, file, db, year);
  await db.destroy();

  const over = results.filter((r) => r.p95 >= r.budget);
  console.log(
    over.length
      ? `\n${over.length} measurement(s) over budget at p95: ${over.map((r) => `${r.label.trim()} (${r.budget} ms)`).join("; ")}`
      : `\nevery measurement under its budget at p95 (dashboard ${BUDGET_MS} ms, integrity ${INTEGRITY_BUDGET_MS} ms)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
