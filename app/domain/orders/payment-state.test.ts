import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { getOrderDetail, orderPaymentState } from "./orders.server";

let db: DB;
let cleanup: () => Promise<void>;
let coop: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coop = (await createBasicCatalog(db)).datong;
});
afterEach(() => cleanup());

describe("orderPaymentState", () => {
  const t0 = new Date("2026-11-28T02:00:00Z");

  it("tells paying what the full detail would: number, gateway and status", async () => {
    const p = await createProduct(db, { cooperativeId: coop, stock: 10 });
    const order = await createOrder(db, [{ productId: p, quantity: 2 }], { now: t0 });
    const detail = await getOrderDetail(db, order.id, "zh-CN", t0);
    expect(await orderPaymentState(db, order.id, t0)).toEqual({
      id: order.id,
      number: detail.number,
      status: "pending_payment",
      paymentGateway: detail.paymentGateway,
    });
  });

  it("says expired once the order is past its expiry, before the sweep has run", async () => {
    const p = await createProduct(db, { cooperativeId: coop, stock: 10 });
    const order = await createOrder(db, [{ productId: p, quantity: 1 }], { now: t0 });
    const later = new Date(t0.getTime() + 24 * 60 * 60_000);
    expect((await orderPaymentState(db, order.id, later)).status).toBe("expired");
  });
});
