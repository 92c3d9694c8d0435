import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { expireStaleOrders } from "../orders/expiry.server";
import { completeDemoPayment, demoGateway } from "./demo-gateway.server";
import { applyPaymentEvent, type PaymentEvent } from "./events.server";

let db: DB;
let cleanup: () => Promise<void>;
let coop: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coop = (await createBasicCatalog(db)).datong;
});
afterEach(() => cleanup());

const t0 = new Date("2026-11-28T02:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const order = async (stock = 10, quantity = 2) => {
  const p = await createProduct(db, { cooperativeId: coop, stock, priceFen: 5000 });
  const o = await createOrder(db, [{ productId: p, quantity }], { now: t0 });
  return { ...o, productId: p };
};
const event = (
  o: { id: number; totalFen: number },
  overrides: Partial<PaymentEvent> = {},
): PaymentEvent => ({
  id: `evt_${Math.random().toString(36).slice(2)}`,
  gateway: "test",
  type: "payment.succeeded",
  orderId: o.id,
  paymentId: null,
  amountFen: o.totalFen,
  payload: {},
  ...overrides,
});
const row = (id: number) =>
  db
    .selectFrom("orders")
    .select(["status", "paid_at", "stock_released"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;

describe("applyPaymentEvent", () => {
  it("marks the order paid once, however often the event arrives", async () => {
    const o = await order();
    const e = event(o);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await applyPaymentEvent(db, e, later(1)));
    expect(outcomes).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await row(o.id)).toMatchObject({ status: "paid", paid_at: later(1).toISOString() });
    const recorded = await db.selectFrom("payment_events").select(["id", "outcome"]).execute();
    expect(recorded).toEqual([{ id: e.id, outcome: "applied" }]);
  });

  it("applies only forward changes: expiry after payment changes nothing", async () => {
    const o = await order();
    await applyPaymentEvent(db, event(o), later(1));
    expect(await applyPaymentEvent(db, event(o, { type: "payment.expired" }), later(2))).toBe(
      "ignored",
    );
    expect(await applyPaymentEvent(db, event(o, { type: "payment.failed" }), later(3))).toBe(
      "ignored",
    );
    expect(await applyPaymentEvent(db, event(o), later(4))).toBe("ignored");
    expect(await row(o.id)).toMatchObject({ status: "paid", paid_at: later(1).toISOString() });
    expect(await stockOf(o.productId)).toBe(8);
  });

  it("expires an unpaid order once and returns the stock", async () => {
    const o = await order();
    expect(await applyPaymentEvent(db, event(o, { type: "payment.expired" }), later(31))).toBe(
      "applied",
    );
    expect(await applyPaymentEvent(db, event(o, { type: "payment.expired" }), later(32))).toBe(
      "ignored",
    );
    expect(await stockOf(o.productId)).toBe(10);
    expect((await row(o.id)).status).toBe("expired");
  });

  it("keeps the order open when a newer attempt expires while an older one's money is on its way", async () => {
    const o = await order();
    const attempt = (n: number, id: string, status: "processing" | "open") =>
      db
        .insertInto("payments")
        .values({
          id,
          order_id: o.id,
          gateway: "test",
          status,
          amount_fen: o.totalFen,
          attempt: n,
          external_url: null,
          updated_at: later(1).toISOString(),
        })
        .execute();
    await attempt(1, "pay_async", "processing");
    await attempt(2, "pay_again", "open");
    expect(
      await applyPaymentEvent(
        db,
        event(o, { type: "payment.expired", paymentId: "pay_again" }),
        later(40),
      ),
    ).toBe("ignored");
    expect(await row(o.id)).toMatchObject({ status: "pending_payment", stock_released: 0 });
    expect(await applyPaymentEvent(db, event(o, { paymentId: "pay_async" }), later(41))).toBe(
      "applied",
    );
    expect((await row(o.id)).status).toBe("paid");
    expect(await stockOf(o.productId)).toBe(8);
  });

  it("refuses a payment whose amount differs from the order total", async () => {
    const o = await order();
    expect(await applyPaymentEvent(db, event(o, { amountFen: o.totalFen - 1 }), later(1))).toBe(
      "amount_mismatch",
    );
    expect((await row(o.id)).status).toBe("pending_payment");
  });

  it("records events for unknown orders without failing", async () => {
    expect(await applyPaymentEvent(db, event({ id: 424242, totalFen: 1 }), later(1))).toBe(
      "unknown_order",
    );
    expect(
      await applyPaymentEvent(db, event({ id: 0, totalFen: 1 }, { orderId: null }), later(1)),
    ).toBe("unknown_order");
    expect(await db.selectFrom("payment_events").select("outcome").execute()).toHaveLength(2);
  });

  it("revives an expired order paid late if its stock is still there", async () => {
    const o = await order(10, 2);
    await expireStaleOrders(db, later(31));
    expect(await stockOf(o.productId)).toBe(10);
    expect(await applyPaymentEvent(db, event(o), later(32))).toBe("applied");
    expect(await row(o.id)).toMatchObject({ status: "paid", stock_released: 0 });
    expect(await stockOf(o.productId)).toBe(8);
  });

  it("flags a late payment whose stock was sold to someone else, changing no stock", async () => {
    const o = await order(2, 2);
    await expireStaleOrders(db, later(31));
    await createOrder(db, [{ productId: o.productId, quantity: 2 }], { now: later(32) });
    expect(await stockOf(o.productId)).toBe(0);
    expect(await applyPaymentEvent(db, event(o), later(33))).toBe("paid_after_close");
    expect((await row(o.id)).status).toBe("expired");
    expect(await stockOf(o.productId)).toBe(0);
  });
});

describe("demo gateway", () => {
  it("reuses the open payment and turns double clicks into one effect", async () => {
    const o = await order();
    const first = await demoGateway.startPayment(
      db,
      { id: o.id, number: o.number, totalFen: o.totalFen },
      t0,
    );
    const again = await demoGateway.startPayment(
      db,
      { id: o.id, number: o.number, totalFen: o.totalFen },
      t0,
    );
    expect(again.paymentId).toBe(first.paymentId);
    expect(first.redirectUrl).toBe(`/pay/demo/${o.number}`);
    expect(await completeDemoPayment(db, o.id, "succeeded", later(1))).toBe("applied");
    expect(await completeDemoPayment(db, o.id, "succeeded", later(1))).toBe("duplicate");
    const payment = await db
      .selectFrom("payments")
      .select(["status", "amount_fen"])
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({ status: "succeeded", amount_fen: o.totalFen });
  });

  it("keeps the order payable after the shopper cancels the payment", async () => {
    const o = await order();
    await demoGateway.startPayment(db, { id: o.id, number: o.number, totalFen: o.totalFen }, t0);
    expect(await completeDemoPayment(db, o.id, "cancelled", later(1))).toBe("applied");
    expect((await row(o.id)).status).toBe("pending_payment");
    const retry = await demoGateway.startPayment(
      db,
      { id: o.id, number: o.number, totalFen: o.totalFen },
      later(2),
    );
    const attempts = await db
      .selectFrom("payments")
      .select(["id", "attempt", "status"])
      .orderBy("attempt")
      .execute();
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, "cancelled"],
      [2, "open"],
    ]);
    expect(retry.paymentId).toBe(attempts[1]?.id);
    expect(await completeDemoPayment(db, o.id, "succeeded", later(3))).toBe("applied");
    expect((await row(o.id)).status).toBe("paid");
  });
});
