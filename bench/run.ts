// `npm run bench` (after `npm run build`): the storefront against the targets.
// Starts the built store in production mode on loopback with the demo seed plus a generated
// catalogue, and a static baseline serving the catalogue page's bytes in its own process;
// times each page as an anonymous visitor and as a signed-in shopper with a cart,
// add-to-cart, and full checkouts against limited stock; prints one markdown table and
// writes the figures to bench/results.json. Loopback only; bounded in time; stops its
// children itself.
//
//   --connections 1,10,100   connection counts          --seconds 5   per measurement
//   --only SUBSTRING         scenarios whose name has it (home, catalogue, search, product,
//                            county, add-to-cart, checkout, bundle)
//   --skip-checkout          --workers N (WEB_CONCURRENCY; default: the server's own)
//   --root DIR               serve another checkout's build (e.g. a worktree of an older
//                            commit), to measure before and after in one session
//   --products N             generated products (default 10000)
//   --out FILE               default bench/results.json
//   --db sqlite|postgres     postgres: the whole run on SQLite, then again on PostgreSQL
//                            (BENCH_DATABASE_URL's cluster, else a throwaway one), one table
//                            with both side by side
//   --servers N              N app servers on N ports on the one database (one worker each
//                            unless --workers); each measurement shares its connections out
//                            among them (one autocannon per server at once, summed)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measureBundle, type BundleFigures } from "./bundle";
import { numberOption, runCheckouts, stringOption, type CheckoutResult } from "./checkout";
import {
  evaluateTargets,
  formatBundle,
  formatCheckout,
  formatComparison,
  formatTable,
  formatTargets,
  perSecond,
  withStaticShare,
  type Row,
  type Visitor,
} from "./report";
import {
  addToCartLoad,
  checkPage,
  measure,
  pageScenarios,
  row,
  signedInShopper,
  type Load,
  type PageScenario,
} from "./scenarios";
import { startStaticServer } from "./static-server";
import { startStore, stopOnExit, type Engine, type Store } from "./store";

const OWN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Options {
  connections: number[];
  seconds: number;
  only: string | undefined;
  skipCheckout: boolean;
  workers: string | undefined;
  root: string;
  products: number;
  out: string;
  db: "sqlite" | "postgres";
  servers: number;
}

function parseOptions(argv: string[]): Options {
  const list = stringOption(argv, "--connections") ?? "1,10,100";
  const connections = list.split(",").map(Number);
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error("--connections takes whole numbers, e.g. 1,10,100");
  }
  return {
    connections,
    seconds: numberOption(argv, "--seconds", 5),
    only: stringOption(argv, "--only"),
    skipCheckout: argv.includes("--skip-checkout"),
    // several servers share the cores: one process each unless --workers says otherwise
    workers:
      stringOption(argv, "--workers") ?? (numberOption(argv, "--servers", 1) > 1 ? "1" : undefined),
    root: path.resolve(stringOption(argv, "--root") ?? OWN_ROOT),
    products: numberOption(argv, "--products", 10_000),
    out: stringOption(argv, "--out") ?? path.join(OWN_ROOT, "bench", "results.json"),
    db: dbOption(stringOption(argv, "--db")),
    servers: serversOption(numberOption(argv, "--servers", 1)),
  };
}

function dbOption(value: string | undefined): "sqlite" | "postgres" {
  if (value === undefined || value === "sqlite" || value === "postgres") return value ?? "sqlite";
  throw new Error("--db takes sqlite or postgres");
}

function serversOption(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error("--servers takes a whole number ≥ 1");
  return n;
}

const wanted = (o: Options, name: string) => !o.only || name.includes(o.only);

/**
 * Measures, then lets the store work off its queue before the next measurement; after a
 * restart, `warm` fills its page caches again, so the next row does not pay for it.
 */
async function timed(
  store: Store,
  scenario: string,
  visitor: Visitor,
  load: Load,
  warm?: () => Promise<void>,
): Promise<Row> {
  const measured = await measure(load, load.url.startsWith(store.baseUrl) ? store.baseUrls : []);
  const { drainMs } = load.url.startsWith(store.baseUrl) ? await store.settle() : { drainMs: 0 };
  if (drainMs === null) await warm?.();
  const r = { ...row(scenario, visitor, measured), drainMs };
  progress(r);
  return r;
}

/** Static baseline, then every page for both visitors, at each connection count. */
async function measurePages(o: Options, store: Store): Promise<Row[]> {
  const scenarios = await pageScenarios(store.dbFile);
  const pages = scenarios.filter((p) => wanted(o, p.name));
  if (!pages.length) return [];
  const shopper = await signedInShopper(store.baseUrl, store.dbFile);
  const catalogue = scenarios.find((p) => p.name === "catalogue")!;
  for (const baseUrl of store.baseUrls) {
    for (const page of pages) {
      await checkPage(baseUrl, page, null);
      await checkPage(baseUrl, page, shopper);
    }
  }
  const page = await checkPage(store.baseUrl, catalogue, null);
  const staticServer = await startStaticServer(page.bytes, page.contentType);
  const forget = stopOnExit(staticServer.stop);
  const rows: Row[] = [];
  // a few times each: every worker process has a cache of its own
  const warm = async () => {
    for (const page of pages) {
      const each = store.baseUrls.flatMap((baseUrl) =>
        Array.from({ length: 2 * os.availableParallelism() }, () => checkPage(baseUrl, page, null)),
      );
      await Promise.all(each);
    }
  };
  const at = (page: PageScenario, visitor: Visitor, connections: number, cookie?: string) =>
    timed(
      store,
      page.name,
      visitor,
      {
        url: store.baseUrl + page.path,
        connections,
        seconds: o.seconds,
        headers: cookie ? { Cookie: cookie } : undefined,
      },
      warm,
    );
  try {
    // untimed: the first measurement of the run would otherwise also pay for JIT warm-up
    await measure({ url: `${staticServer.baseUrl}/products`, connections: 1, seconds: 1 });
    for (const connections of o.connections) {
      const base = { url: `${staticServer.baseUrl}/products`, connections, seconds: o.seconds };
      rows.push(await timed(store, "catalogue (static file)", "static", base));
      for (const page of pages) {
        rows.push(await at(page, "anonymous", connections));
        rows.push(await at(page, "signed-in", connections, shopper.cookie));
      }
    }
  } finally {
    forget();
    await staticServer.stop();
  }
  return rows;
}

function progress(r: Row) {
  const drain =
    r.drainMs === null
      ? ", still busy: restarted"
      : r.drainMs
        ? `, drained in ${r.drainMs} ms`
        : "";
  console.error(
    `  ${r.scenario} ${r.visitor} @${r.connections}: ${perSecond(r.reqPerSec)}/s, ` +
      `p99 ${Number.isFinite(r.p99) ? r.p99.toFixed(1) : "–"} ms, non-2xx ${r.non2xx}, errors ${r.errors}${drain}`,
  );
}

async function measureAddToCart(o: Options, store: Store): Promise<Row[]> {
  if (!wanted(o, "add-to-cart")) return [];
  const shopper = await signedInShopper(store.baseUrl, store.dbFile);
  const productId = store.checkout[0]?.main.id;
  if (!productId) throw new Error("bench: no generated product to add to carts");
  const rows: Row[] = [];
  for (const connections of o.connections) {
    for (const [visitor, cookie] of [
      ["anonymous", null],
      ["signed-in", shopper.cookie],
    ] as const) {
      const load = addToCartLoad(store.baseUrl, productId, cookie);
      const measured = await measure({ ...load, connections, seconds: o.seconds }, store.baseUrls);
      rows.push(row("add-to-cart", visitor, measured));
      progress(rows.at(-1)!);
    }
  }
  return rows;
}

async function measureCheckouts(o: Options, store: Store): Promise<CheckoutResult[]> {
  if (o.skipCheckout || !wanted(o, "checkout")) return [];
  const results: CheckoutResult[] = [];
  for (const [i, connections] of o.connections.entries()) {
    const result = await runCheckouts({
      baseUrl: store.baseUrl,
      baseUrls: store.baseUrls,
      dbFile: store.dbFile,
      connections,
      seconds: o.seconds,
      stock: store.checkout[i]!,
      root: o.root,
    });
    await store.settle();
    console.error(`  ${formatCheckout(result)}`);
    for (const failure of result.failures) console.error(`    failed: ${failure}`);
    results.push(result);
  }
  return results;
}

function gitCommit(root: string): string {
  try {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    const sha = git("rev-parse", "HEAD").trim();
    const dirty = git("status", "--porcelain");
    return dirty.trim() ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    model: cpus[0]?.model ?? "unknown",
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
}

interface EngineRun {
  engine: Engine;
  workers: string;
  rows: Row[];
  checkouts: CheckoutResult[];
}

/** One engine's whole run: start its store(s), measure, stop. */
async function runOn(o: Options, engine: Engine): Promise<EngineRun> {
  const store = await startStore({
    root: o.root === OWN_ROOT ? undefined : o.root,
    workers: o.workers,
    products: o.products,
    checkoutRuns: Math.max(1, o.connections.length),
    engine,
    servers: o.servers,
  });
  console.error(`bench: measuring ${engine} on ${o.servers} server(s)`);
  try {
    const rows = [...(await measurePages(o, store)), ...(await measureAddToCart(o, store))];
    const checkouts = await measureCheckouts(o, store);
    return { engine, workers: store.workers, rows: withStaticShare(rows), checkouts };
  } catch (error) {
    console.error(`bench: the store's last output:\n${store.output().slice(-3000)}`);
    throw error;
  } finally {
    await store.stop();
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const started = new Date();
  const engines: Engine[] = o.db === "postgres" ? ["sqlite", "postgres"] : ["sqlite"];
  const runs: EngineRun[] = [];
  for (const engine of engines) runs.push(await runOn(o, engine));
  const bundle: BundleFigures | { error: string } | null = wanted(o, "bundle")
    ? await measureBundle(o.root)
    : null;
  report(o, { started, runs, bundle });
}

function report(
  o: Options,
  run: {
    started: Date;
    runs: EngineRun[];
    bundle: BundleFigures | { error: string } | null;
  },
) {
  const [first] = run.runs;
  console.log(`\nservers: ${o.servers}, workers per server: ${first!.workers}`);
  if (run.runs.length > 1) {
    console.log(
      `\n${formatComparison(run.runs.map((r) => ({ label: label(r.engine), rows: r.rows })))}\n`,
    );
  } else {
    console.log(`\n${formatTable(first!.rows)}\n`);
  }
  for (const r of run.runs) {
    for (const c of r.checkouts) console.log(`- ${label(r.engine)}: ${formatCheckout(c)}`);
  }
  if (run.bundle) console.log(`- ${formatBundle(run.bundle)}`);
  const targets = run.runs.map((r) => ({
    engine: r.engine,
    targets: evaluateTargets(r.rows, r.checkouts, run.bundle),
  }));
  for (const t of targets) {
    console.log(`\nTargets (10 connections, ${label(t.engine)}):\n${formatTargets(t.targets)}`);
  }
  const results = {
    date: run.started.toISOString(),
    machine: machine(),
    commit: gitCommit(o.root),
    root: o.root,
    workers: first!.workers,
    options: { ...o, root: undefined, out: undefined },
    // the first engine's figures where older results had them, so comparisons keep working
    rows: first!.rows,
    checkouts: first!.checkouts,
    engines: run.runs,
    bundle: run.bundle,
    targets: targets[0]!.targets,
    targetsByEngine: targets,
  };
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), o.out) || o.out}`);
}

const label = (engine: Engine) => (engine === "sqlite" ? "SQLite" : "PostgreSQL");

await main();
