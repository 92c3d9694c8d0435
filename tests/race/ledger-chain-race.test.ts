// Two processes, each with its own connection, pay orders at the same time: every payment
// writes ledger entries, and the chain must come out whole (each writer links to the last
// entry inside its BEGIN IMMEDIATE transaction; the database refuses a fork).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { verifyLedger } from "~/domain/aid/ledger-verify.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const worker = path.join(root, "tests/race/ledger-payer.ts");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
});
afterEach(() => cleanup());

function startPayer(orderIds: number[]) {
  const child = spawn(process.execPath, [tsx, worker, file, orderIds.join(",")], { cwd: root });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => (out.includes("ready") ? resolve() : undefined));
    child.once("exit", (code) => reject(new Error(`payer exited early (${code}): ${err}`)));
  });
  const done = new Promise<{ ok: boolean; paid: number; error?: string }>((resolve, reject) =>
    child.once("exit", () => {
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? ""));
      } catch {
        reject(new Error(`payer said ${JSON.stringify(out)} ${err}`));
      }
    }),
  );
  return { child, ready, done };
}

it("two processes paying at once leave one unbroken chain", async () => {
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: coops.datong, stock: 500 });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong, stock: 500 });
  const orders: number[] = [];
  for (let i = 0; i < 24; i++) {
    const order = await createOrder(db, [
      { productId: yak, quantity: 1 },
      { productId: milk, quantity: 2 },
    ]);
    orders.push(order.id);
  }
  // interleaved: each payer gets every other order, so their writes alternate
  const payers = [0, 1].map((k) => startPayer(orders.filter((_, i) => i % 2 === k)));
  await Promise.all(payers.map((p) => p.ready));
  for (const p of payers) p.child.stdin.write("go\n");
  const results = await Promise.all(payers.map((p) => p.done));
  expect(results).toEqual([
    { ok: true, paid: 12 },
    { ok: true, paid: 12 },
  ]);
  const result = await verifyLedger(db);
  expect(result).toMatchObject({ ok: true, entries: 48, brokenEntries: 0 });
}, 120_000);
