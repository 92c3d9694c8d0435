import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb, scriptEnv } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { demoGateway } from "../payments/demo-gateway.server";
import { checkLedger, formatLedgerCheck } from "./ledger-check.server";
import { chainEntries, GENESIS_HASH } from "./ledger-chain.server";
import { requestRefund } from "../orders/refunds.server";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

/**
 * A sale entry written straight into the ledger for an order that was never paid: the
 * kind of damage ledger:check is there to find. The line's own total unless `amountFen`.
 */
async function saleEntryForUnpaidOrder(entry: { amountFen?: number; paired: string | null }) {
  const p = await createProduct(db, { cooperativeId: coops.datong });
  const unpaid = await createOrder(db, [{ productId: p, quantity: 1 }]);
  const [line] = await db
    .selectFrom("order_lines")
    .select(["id", "line_total_fen"])
    .where("order_id", "=", unpaid.id)
    .execute();
  const last = await db
    .selectFrom("aid_ledger")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  // linked onto the hash chain (the database refuses an entry that is not): this damage is
  // of the figures, which ledger:check finds; the chain itself is whole
  const [linked] = chainEntries(last?.hash ?? GENESIS_HASH, [
    {
      entry_type: "sale" as const,
      order_id: unpaid.id,
      order_line_id: line!.id,
      refund_id: null,
      amount_fen: entry.amountFen ?? line!.line_total_fen,
      quantity: 1,
      county_code: "datong",
      paired_district_zh: entry.paired,
      cooperative_id: coops.datong,
      product_id: p,
      category_group: "agri" as const,
      bucket: "assisted_sales" as const,
      buyer_type: "individual" as const,
      funding_source: "",
      buyer_key: "phone:13812345678",
      eligible: 1 as const,
      occurred_at: new Date().toISOString(),
      day: "2026-11-29",
      month: "2026-11",
      recorded_at: new Date().toISOString(),
      seller_cooperative_id: coops.datong,
      channel: "online" as const,
      counter_id: null,
    },
  ]);
  await db.insertInto("aid_ledger").values(linked!).execute();
  return { unpaid };
}

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../..", import.meta.url));

/** `npm run ledger:check` against the test's database file: exit code and output. */
async function ledgerCheckCommand(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(root, "scripts/ledger-check.ts")],
      { cwd: root, env: scriptEnv(file) },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "" };
  }
}

async function paidAndRefunded() {
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
  const order = await createPaidOrder(db, [
    { productId: yak, quantity: 2 },
    { productId: milk, quantity: 1 },
  ]);
  const second = await createPaidOrder(db, [{ productId: milk, quantity: 4 }]);
  const [line] = await db
    .selectFrom("order_lines")
    .select("id")
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  await requestRefund(
    db,
    {
      orderId: order.id,
      selection: { mode: "lines", lines: [{ orderLineId: line!.id, quantity: 1 }] },
      restock: false,
      reason: "少发一件",
      actor: { id: null, name: "管理员" },
    },
    { gatewayFor: () => demoGateway },
  );
  return { order, second };
}

describe("checkLedger", () => {
  it("passes on an empty store", async () => {
    expect(await checkLedger(db)).toEqual({
      ok: true,
      ordersChecked: 0,
      ledgerTotalFen: 0,
      expectedTotalFen: 0,
      rollupTotalFen: 0,
      broken: [],
      channelDrift: [],
    });
  });

  it("passes after payments and refunds, per order and overall", async () => {
    await paidAndRefunded();
    // an unpaid order is not expected in the ledger, and is not in it
    const p = await createProduct(db, { cooperativeId: coops.datong });
    await createOrder(db, [{ productId: p, quantity: 1 }]);
    const check = await checkLedger(db);
    expect(check).toMatchObject({
      ok: true,
      ordersChecked: 2,
      broken: [],
      expectedTotalFen: 2 * 12800 + 1580 + 4 * 1580 - 12800,
    });
    expect(check.ledgerTotalFen).toBe(check.expectedTotalFen);
    expect(check.rollupTotalFen).toBe(check.ledgerTotalFen);
    expect(formatLedgerCheck(check)).toContain("ledger:check OK");
  });

  it("names an order whose ledger does not match", async () => {
    const { second } = await paidAndRefunded();
    expect((await checkLedger(db)).ok).toBe(true);
    // a sale entry written for an order that was never paid
    const { unpaid } = await saleEntryForUnpaidOrder({ amountFen: 3900, paired: "雨花台区" });
    // and a refund marked succeeded behind the ledger's back
    const refund = await db
      .insertInto("refunds")
      .values({
        order_id: second.id,
        status: "succeeded",
        amount_fen: 1580,
        restock: 0,
        reason: "手工改动",
        idempotency_key: "rf_written-by-hand-0001",
        gateway: "demo",
        gateway_refund_id: null,
        requested_by: null,
        requested_by_name: "someone",
        requested_at: new Date().toISOString(),
        confirmed_at: new Date().toISOString(),
        failure_reason: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [secondLine] = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", second.id)
      .execute();
    await db
      .insertInto("refund_lines")
      .values({
        refund_id: refund.id,
        order_line_id: secondLine!.id,
        quantity: 1,
        amount_fen: 1580,
      })
      .execute();

    const check = await checkLedger(db);
    expect(check.ok).toBe(false);
    expect(check.broken).toEqual([
      { orderId: second.id, number: second.number, expectedFen: 3 * 1580, ledgerFen: 4 * 1580 },
      { orderId: unpaid.id, number: unpaid.number, expectedFen: 0, ledgerFen: 3900 },
    ]);
    const text = formatLedgerCheck(check);
    expect(text).toContain("ledger:check FAILED");
    expect(text).toContain(`${unpaid.number}: expected 0 fen, ledger 3900 fen`);
    expect(text).toContain(second.number);
    // the rollups never saw the hand-written entry either
    expect(text).toContain("do not match the ledger");
  });
});

describe("npm run ledger:check", () => {
  it("exits 0 with a summary, and 1 naming the order that breaks the invariant", async () => {
    await paidAndRefunded();
    const good = await ledgerCheckCommand();
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain("ledger:check OK");
    expect(good.stdout).toContain("orders checked: 2");

    const { unpaid } = await saleEntryForUnpaidOrder({ paired: null });
    const bad = await ledgerCheckCommand();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("ledger:check FAILED");
    expect(bad.stdout).toContain(unpaid.number);
  }, 30_000);
});
