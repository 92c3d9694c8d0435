import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { completeDemoPayment, demoGateway } from "../payments/demo-gateway.server";
import { effectiveStatus, expireStaleOrders } from "./expiry.server";
import { cancelUnpaidOrder } from "./orders.server";

let db: DB;
let cleanup: () => Promise<void>;
let coop: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coop = (await createBasicCatalog(db)).datong;
});
afterEach(() => cleanup());

const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;
const statusOf = async (id: number) =>
  (await db.selectFrom("orders").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;

describe("expiry", () => {
  const t0 = new Date("2026-11-28T02:00:00Z");
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it("closes unpaid orders past their expiry and gives the stock back exactly once", async () => {
    const p = await createProduct(db, { cooperativeId: coop, stock: 10 });
    const order = await createOrder(db, [{ productId: p, quantity: 4 }], { now: t0 });
    expect(await stockOf(p)).toBe(6);

    expect(await expireStaleOrders(db, later(29))).toBe(0);
    expect(await statusOf(order.id)).toBe("pending_payment");

    expect(await expireStaleOrders(db, later(30))).toBe(1);
    expect(await statusOf(order.id)).toBe("expired");
    expect(await stockOf(p)).toBe(10);

    // the sweep again, and a late gateway "expired" event: no second refund of stock
    expect(await expireStaleOrders(db, later(60))).toBe(0);
    expect(await stockOf(p)).toBe(10);
    await expect(cancelUnpaidOrder(db, order.id, later(61))).rejects.toMatchObject({
      code: "order.notCancellable",
    });
    expect(await stockOf(p)).toBe(10);
  });

  it("leaves paid orders alone", async () => {
    const p = await createProduct(db, { cooperativeId: coop, stock: 10 });
    const order = await createOrder(db, [{ productId: p, quantity: 2 }], { now: t0 });
    await demoGateway.startPayment(
      db,
      { id: order.id, number: order.number, totalFen: order.totalFen },
      t0,
    );
    expect(await completeDemoPayment(db, order.id, "succeeded", later(5))).toBe("applied");
    expect(await expireStaleOrders(db, later(120))).toBe(0);
    expect(await statusOf(order.id)).toBe("paid");
    expect(await stockOf(p)).toBe(8);
  });

  it("lets a shopper cancel an unpaid order, returning its stock", async () => {
    const p = await createProduct(db, { cooperativeId: coop, stock: 3 });
    const order = await createOrder(db, [{ productId: p, quantity: 3 }], { now: t0 });
    expect(await stockOf(p)).toBe(0);
    await cancelUnpaidOrder(db, order.id, later(1));
    expect(await statusOf(order.id)).toBe("cancelled");
    expect(await stockOf(p)).toBe(3);
  });

  it("tells readers an order is expired before the sweep gets to it", () => {
    const order = { status: "pending_payment" as const, expires_at: later(30).toISOString() };
    expect(effectiveStatus(order, later(29))).toBe("pending_payment");
    expect(effectiveStatus(order, later(30))).toBe("expired");
    expect(effectiveStatus({ ...order, status: "paid" }, later(90))).toBe("paid");
  });
});
