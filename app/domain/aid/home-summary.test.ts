import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "#db/connection";
import { aidCatalog, JUNE, LAST_YEAR, MAY, NOV, refundAid } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { homeAidSummary } from "./home-summary.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
let milk: number;
let craft: number;
let file: string;
beforeEach(async () => {
  ({ db, cleanup, yak, milk, craft, file } = await aidCatalog());
});
afterEach(() => cleanup());

async function ledgerEligibleTotal(year: number) {
  const row = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.sum<number>("amount_fen").as("s"))
    .where("eligible", "=", 1)
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.s ?? 0);
}

/** Orders with a positive eligible total in the year, counted straight from the ledger. */
async function ledgerOrders(year: number) {
  const rows = await db
    .selectFrom("aid_ledger")
    .select("order_id")
    .where("eligible", "=", 1)
    .where("entry_type", "=", "sale")
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .groupBy("order_id")
    .execute();
  return rows.length;
}

describe("the home page figure", () => {
  it("equals the ledger's eligible total, with cooperatives reached and orders", async () => {
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 0, cooperatives: 0, orders: 0 });
    const first = await createPaidOrder(
      db,
      [
        { productId: yak, quantity: 1 },
        { productId: craft, quantity: 1 },
      ],
      { now: MAY },
    );
    await createPaidOrder(db, [{ productId: craft, quantity: 2 }], { now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: LAST_YEAR });
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 12800, cooperatives: 1, orders: 1 });

    await createPaidOrder(db, [{ productId: milk, quantity: 2 }], { now: JUNE });
    expect(await homeAidSummary(db, 2026)).toEqual({
      fen: 12800 + 3160,
      cooperatives: 2,
      orders: 2,
    });
    expect((await homeAidSummary(db, 2026)).fen).toBe(await ledgerEligibleTotal(2026));

    // a full refund takes the amount and the cooperative out; the order was still placed
    await refundAid(db, first.id, 12800, NOV);
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 3160, cooperatives: 1, orders: 2 });
    expect((await homeAidSummary(db, 2026)).fen).toBe(await ledgerEligibleTotal(2026));
    expect(await homeAidSummary(db, 2025)).toEqual({ fen: 12800, cooperatives: 1, orders: 1 });
  });

  it("counts orders right as entries arrive, in every process", async () => {
    const orders = [];
    for (let i = 0; i < 6; i++) {
      orders.push(
        await createPaidOrder(db, [{ productId: i % 2 ? yak : milk, quantity: 1 }], { now: MAY }),
      );
      await homeAidSummary(db, 2026); // counted incrementally from here on
    }
    await refundAid(db, orders[0]!.id, 1580, NOV); // milk, fully
    await refundAid(db, orders[1]!.id, 100, NOV); // yak, in part
    await createPaidOrder(db, [{ productId: craft, quantity: 1 }], { now: JUNE }); // not aid
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: LAST_YEAR }); // other year
    const summary = await homeAidSummary(db, 2026);
    // orders with eligible sales paid in 2026, refunded or not (the dashboard's meaning)
    expect(summary.orders).toBe(6);
    expect(summary.orders).toBe(await ledgerOrders(2026));
    expect(summary.fen).toBe(await ledgerEligibleTotal(2026));
    // and another process, counting for the first time, agrees
    const other = createDatabase(file);
    expect(await homeAidSummary(other, 2026)).toEqual(summary);
    await other.destroy();
  });
});
