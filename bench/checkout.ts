// Full checkouts against limited stock, on their own so whoever works on checkout can run
// just this: `npx tsx bench/checkout.ts --connections 10 --seconds 5` (after npm run build).
//
// Each of N virtual users repeats, as a new guest each time: add the limited product to a
// cart (every fifth also tries the scarce one, which sells out within a run, so the
// sold-out race is part of the load) → place the order → pay on the demo gateway. A checkout
// counts once its payment is accepted. Afterwards the database is read (read-only) for
// oversell, and the store's own ledger check is run on it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createDatabase } from "../db/connection";
import { checkLedger, formatLedgerCheck } from "../app/domain/aid/ledger-check.server";
import { Client } from "./client";
import type { CheckoutStock, LimitedProduct } from "./products";
import { formatCheckout, latencyOf, type CheckoutSummary } from "./report";

export interface CheckoutOptions {
  baseUrl: string;
  /** several servers' addresses: the virtual users are dealt out among them round-robin */
  baseUrls?: readonly string[];
  /** the SQLite file, or the PostgreSQL database's postgres:// address */
  dbFile: string;
  connections: number;
  seconds: number;
  stock: CheckoutStock;
  /** the checkout whose scripts/ledger-check.ts judges the database (default: this one) */
  root?: string;
}

export interface StockCheck {
  slug: string;
  initial: number;
  /** stock left on the shelf now */
  left: number;
  /** quantity in orders that were paid (whatever happened to them after) */
  sold: number;
  /** quantity in orders still holding their reservation (pending or paid) */
  held: number;
  /** left + held = initial: every unit is either on the shelf or in an order */
  accounted: boolean;
}

export interface CheckoutResult extends CheckoutSummary {
  stock: StockCheck[];
  ledgerOutput: string;
  /** the first few unexpected answers, for the one who has to fix them */
  failures: string[];
}

type Outcome = "completed" | "soldOut" | { failed: string };

const SOLD_OUT = [
  "cart.soldOut",
  "cart.notEnoughStock",
  "checkout.soldOut",
  "checkout.notEnoughStock",
];

function soldOut(reply: { status: number; body: string }): boolean {
  if (reply.status !== 409) return false;
  return SOLD_OUT.some((code) => reply.body.includes(`"${code}"`));
}

const what = (step: string, r: { status: number; body: string }) =>
  `${step}: ${r.status} ${r.body.slice(0, 200)}`;

/** One guest's add → order → pay. */
async function checkoutOnce(client: Client, stock: CheckoutStock, buyer: number): Promise<Outcome> {
  const add = (productId: number) =>
    client.post("/cart", "routes/cart", { intent: "add", productId, quantity: 1, stay: 1 });
  const first = await add(stock.main.id);
  if (soldOut(first)) return "soldOut";
  if (first.status !== 200) return { failed: what("add to cart", first) };
  if (buyer % 5 === 0) {
    const scarce = await add(stock.scarce.id);
    if (scarce.status !== 200 && !soldOut(scarce)) return { failed: what("add scarce", scarce) };
  }
  const order = await client.post("/checkout", "routes/checkout", {
    contactName: `压测买家${buyer}`,
    phone: `139${String(buyer % 100_000_000).padStart(8, "0")}`,
    email: "",
    province: "江苏省",
    city: "南京市",
    district: "雨花台区",
    street: `软件大道 ${(buyer % 999) + 1} 号`,
    buyerType: "individual",
  });
  if (soldOut(order)) return "soldOut";
  if (order.status !== 204 || !order.redirect?.startsWith("/pay/demo/")) {
    return { failed: what("place order", order) };
  }
  const pay = await client.post(order.redirect, "routes/pay.demo.$number", { choice: "succeeded" });
  if (pay.status !== 204) return { failed: what("demo payment", pay) };
  return "completed";
}

/** Reads the stock of the run's products (WAL or MVCC: sees what the store committed). */
export async function checkStock(
  target: string,
  products: LimitedProduct[],
): Promise<StockCheck[]> {
  const db = createDatabase(target, { poolSize: 1 });
  try {
    const quantity = async (productId: number, where: "paid" | "held") => {
      const row = await db
        .selectFrom("order_lines as l")
        .innerJoin("orders as o", "o.id", "l.order_id")
        .where("l.product_id", "=", productId)
        .where((eb) =>
          where === "paid" ? eb("o.paid_at", "is not", null) : eb("o.stock_released", "=", 0),
        )
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("l.quantity"), eb.lit(0)).as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const checks: StockCheck[] = [];
    for (const p of products) {
      const { stock: now } = await db
        .selectFrom("products")
        .select("stock")
        .where("id", "=", p.id)
        .executeTakeFirstOrThrow();
      const holding = await quantity(p.id, "held");
      checks.push({
        slug: p.slug,
        initial: p.stock,
        left: now,
        sold: await quantity(p.id, "paid"),
        held: holding,
        accounted: now + holding === p.stock,
      });
    }
    return checks;
  } finally {
    await db.destroy();
  }
}

/**
 * `scripts/ledger-check.ts` of `root` on the file: green when it exits 0. On PostgreSQL (the
 * script reads a SQLite file) the same check, `checkLedger`, in this process.
 */
export async function ledgerCheck(
  target: string,
  root: string,
): Promise<{ green: boolean; output: string }> {
  if (/^postgres(ql)?:\/\//i.test(target)) {
    const db = createDatabase(target, { poolSize: 1 });
    try {
      const check = await checkLedger(db);
      return { green: check.ok, output: formatLedgerCheck(check) };
    } finally {
      await db.destroy();
    }
  }
  const result = spawnSync("npx", ["tsx", "scripts/ledger-check.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: target },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { green: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

const OWN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function runCheckouts(options: CheckoutOptions): Promise<CheckoutResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const times: number[] = [];
  const failures: string[] = [];
  const counts = { completed: 0, soldOut: 0, failed: 0 };
  let buyer = 0;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const baseUrls = options.baseUrls?.length ? options.baseUrls : [options.baseUrl];
  const user = async (_: unknown, k: number) => {
    const baseUrl = baseUrls[k % baseUrls.length]!;
    while (performance.now() < deadline) {
      const began = performance.now();
      const outcome = await checkoutOnce(new Client(baseUrl, agent), options.stock, buyer++).catch(
        (error: Error): Outcome => ({ failed: `no answer: ${error.message}` }),
      );
      if (outcome === "completed") {
        counts.completed++;
        times.push(performance.now() - began);
      } else if (outcome === "soldOut") counts.soldOut++;
      else {
        counts.failed++;
        if (failures.length < 5) failures.push(outcome.failed);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, user));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();

  const stock = await checkStock(options.dbFile, [options.stock.main, options.stock.scarce]);
  const ledger = await ledgerCheck(options.dbFile, options.root ?? OWN_ROOT);
  return {
    connections: options.connections,
    seconds: options.seconds,
    ...counts,
    perSecond: counts.completed / elapsed,
    latency: latencyOf(times),
    oversold: stock.some((s) => s.left < 0 || s.sold > s.initial || s.held > s.initial),
    stockAccounted: stock.every((s) => s.accounted),
    ledgerGreen: ledger.green,
    stock,
    ledgerOutput: ledger.output.trim(),
    failures,
  };
}

/** The options both this script and bench/run.ts take, as they read them. */
export function numberOption(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a number`);
  return value;
}

export function stringOption(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

async function main(argv: string[]) {
  const { startStore } = await import("./store");
  const store = await startStore({
    root: stringOption(argv, "--root"),
    workers: stringOption(argv, "--workers"),
    products: numberOption(argv, "--products", 10_000),
    checkoutRuns: 1,
    limitedStock: numberOption(argv, "--stock", 5000),
  });
  try {
    const result = await runCheckouts({
      baseUrl: store.baseUrl,
      dbFile: store.dbFile,
      connections: numberOption(argv, "--connections", 10),
      seconds: numberOption(argv, "--seconds", 5),
      stock: store.checkout[0]!,
      root: store.root,
    });
    console.log(formatCheckout(result));
    console.log(JSON.stringify({ ...result, ledgerOutput: undefined }, null, 2));
    if (!result.ledgerGreen) console.log(result.ledgerOutput);
    if (result.oversold || !result.ledgerGreen || !result.stockAccounted) process.exitCode = 1;
  } finally {
    await store.stop();
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
