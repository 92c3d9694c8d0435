import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import type { OrderStatus } from "#db/schema";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { listOrderHistory, normalizeOrderSearch, ORDERS_PER_PAGE } from "./order-history.server";

let db: DB;
let cleanup: () => Promise<void>;
let me: number;
let product: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, stock: 500 });
  me = await createUser(db);
});
afterEach(() => cleanup());

/** An order of mine (or someone's) moved straight to a state. */
async function orderIn(status: OrderStatus, userId: number | null = me) {
  const order = await createOrder(db, [{ productId: product, quantity: 2 }], { userId });
  await db.updateTable("orders").set({ status }).where("id", "=", order.id).execute();
  return order.number;
}

const numbers = async (tab: Parameters<typeof listOrderHistory>[2]["tab"], search = "") =>
  (await listOrderHistory(db, me, { tab, search, page: 1 })).orders.map((o) => o.number).sort();

describe("order history", () => {
  it("shows each tab's orders, only the owner's", async () => {
    const unpaid = await orderIn("pending_payment");
    const paid = await orderIn("paid");
    const partly = await orderIn("partially_fulfilled");
    const shipped = await orderIn("fulfilled");
    const done = await orderIn("completed");
    const refunded = await orderIn("refunded");
    const cancelled = await orderIn("cancelled");
    await orderIn("paid", await createUser(db));
    await orderIn("paid", null);
    expect(await numbers("all")).toEqual(
      [unpaid, paid, partly, shipped, done, refunded, cancelled].sort(),
    );
    expect(await numbers("unpaid")).toEqual([unpaid]);
    expect(await numbers("toShip")).toEqual([paid]);
    expect(await numbers("shipped")).toEqual([partly, shipped].sort());
    expect(await numbers("done")).toEqual([done]);
    expect(await numbers("afterSales")).toEqual([refunded]);
  });

  it("leaves an unpaid order past its time out of 待付款 and calls it expired", async () => {
    const order = await createOrder(db, [{ productId: product, quantity: 1 }], {
      userId: me,
      now: new Date(Date.now() - 2 * 3600_000),
      ttlMinutes: 30,
    });
    expect(await numbers("unpaid")).toEqual([]);
    const all = await listOrderHistory(db, me, { tab: "all", search: "", page: 1 });
    expect(all.orders.find((o) => o.number === order.number)?.status).toBe("expired");
  });

  it("lists an order with a refund under 退款/售后 too", async () => {
    const number = await orderIn("paid");
    const { id } = await db
      .selectFrom("orders")
      .select("id")
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("refunds")
      .values({
        order_id: id,
        status: "requested",
        amount_fen: 100,
        restock: 0,
        reason: "破损",
        idempotency_key: "test-refund",
        gateway: "demo",
        requested_by_name: "测试",
        requested_at: new Date().toISOString(),
      })
      .execute();
    expect(await numbers("afterSales")).toEqual([number]);
  });

  it("searches by part of the number and pages newest first", async () => {
    const made: string[] = [];
    for (let i = 0; i < ORDERS_PER_PAGE + 2; i++) made.push(await orderIn("paid"));
    const first = await listOrderHistory(db, me, { tab: "all", search: "", page: 1 });
    expect(first).toMatchObject({ total: ORDERS_PER_PAGE + 2, pages: 2, page: 1 });
    expect(first.orders.length).toBe(ORDERS_PER_PAGE);
    expect(first.orders[0]).toMatchObject({ items: 2 });
    const last = await listOrderHistory(db, me, { tab: "all", search: "", page: 9 });
    expect(last.page).toBe(2);
    expect(last.orders.length).toBe(2);
    const target = made[3]!;
    const suffix = target.slice(-4).toLowerCase();
    expect(await numbers("all", normalizeOrderSearch(` ${suffix} `))).toContain(target);
    expect(await numbers("all", "ZZZZZZZZ")).toEqual([]);
    expect(normalizeOrderSearch("sh-2026'; drop")).toBe("SH-2026DROP");
  });
});
