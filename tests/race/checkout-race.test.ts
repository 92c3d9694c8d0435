import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { newCartId } from "~/domain/cart/cart.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const worker = path.join(root, "tests/race/checkout-worker.ts");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
});
afterEach(() => cleanup());

function startShopper(cartId: string) {
  const child: ChildProcess = spawn(process.execPath, [tsx, worker, file, cartId], {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes("ready") ? resolve() : undefined);
    child.stdout?.on("data", check);
    child.once("exit", (code) => reject(new Error(`shopper exited early (${code}): ${err}`)));
  });
  const done = new Promise<{ ok: boolean; code?: string }>((resolve, reject) => {
    child.once("exit", () => {
      const last = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`shopper said ${JSON.stringify(out)} ${err}`));
      }
    });
  });
  return { child, ready, done };
}

it("20 shoppers in 20 processes race for the last 5 units: exactly 5 orders, stock 0, never negative", async () => {
  const coop = (await createBasicCatalog(db)).datong;
  const product = await createProduct(db, {
    cooperativeId: coop,
    nameZh: "最后五盒草莓",
    stock: 5,
    priceFen: 8800,
  });
  const carts = Array.from({ length: 20 }, () => newCartId());
  const stamp = new Date().toISOString();
  await db
    .insertInto("carts")
    .values(carts.map((id) => ({ id, updated_at: stamp })))
    .execute();
  await db
    .insertInto("cart_items")
    .values(carts.map((cart_id) => ({ cart_id, product_id: product, quantity: 1 })))
    .execute();

  const shoppers = carts.map(startShopper);
  await Promise.all(shoppers.map((s) => s.ready));
  for (const s of shoppers) s.child.stdin?.write("go\n");
  const results = await Promise.all(shoppers.map((s) => s.done));

  const won = results.filter((r) => r.ok);
  const lost = results.filter((r) => !r.ok);
  expect(won).toHaveLength(5);
  expect(lost.every((r) => r.code === "checkout.soldOut")).toBe(true);
  const { stock } = await db
    .selectFrom("products")
    .select("stock")
    .where("id", "=", product)
    .executeTakeFirstOrThrow();
  expect(stock).toBe(0);
  const lines = await db
    .selectFrom("order_lines")
    .select((eb) => eb.fn.sum<number>("quantity").as("sold"))
    .executeTakeFirstOrThrow();
  expect(Number(lines.sold)).toBe(5);
  const orders = await db.selectFrom("orders").select("id").execute();
  expect(orders).toHaveLength(5);
}, 120_000);
