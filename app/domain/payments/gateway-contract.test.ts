// One contract, two gateways: whatever takes the money, the store sees the same behaviour.
// The demo gateway confirms at once; Stripe (real SDK, loopback fake) confirms by webhook.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { asStripeEvent, FakeStripe, stripeEvent } from "#tests/fakes/stripe-api";
import { checkLedger } from "../aid/ledger-check.server";
import { requestRefund } from "../orders/refunds.server";
import { completeDemoPayment, demoGateway } from "./demo-gateway.server";
import type { PaymentGateway } from "./gateway";
import { createStripeGateway } from "./stripe-gateway.server";
import { handleStripeEvent } from "./stripe-webhook.server";

interface Driver {
  gateway: PaymentGateway;
  /** what the shopper does on the gateway's page, and how the news comes back */
  pay(db: DB, orderId: number, paymentId: string): Promise<void>;
  /** the gateway's later word on a refund (the demo gateway has already said it) */
  settleRefund(db: DB, refundId: number): Promise<void>;
}

const fake = new FakeStripe();
const drivers: Record<string, () => Driver> = {
  demo: () => ({
    gateway: demoGateway,
    pay: async (db, orderId) => void (await completeDemoPayment(db, orderId, "succeeded")),
    settleRefund: async () => undefined,
  }),
  stripe: () => {
    const stripe = new Stripe("sk_test_contract", fake.clientOptions());
    return {
      gateway: createStripeGateway(stripe, { origin: "http://shop.test" }),
      pay: async (db, _orderId, paymentId) => {
        const session = fake.complete(paymentId);
        const event = stripeEvent("checkout.session.completed", session);
        await handleStripeEvent(db, asStripeEvent(event));
      },
      settleRefund: async (db, refundId) => {
        const row = await db
          .selectFrom("refunds")
          .select("gateway_refund_id")
          .where("id", "=", refundId)
          .executeTakeFirstOrThrow();
        const refund = fake.refunds.get(row.gateway_refund_id!)!;
        refund.status = "succeeded";
        await handleStripeEvent(db, asStripeEvent(stripeEvent("refund.updated", refund)));
      },
    };
  },
};

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());

describe.each(Object.keys(drivers))("payment gateway contract: %s", (name) => {
  let db: DB;
  let cleanup: () => Promise<void>;
  let driver: Driver;
  let products: { a: number; b: number };

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb());
    driver = drivers[name]!();
    const { datong, huangzhong } = await createBasicCatalog(db);
    products = {
      a: await createProduct(db, { cooperativeId: datong, priceFen: 4800, stock: 50 }),
      b: await createProduct(db, { cooperativeId: huangzhong, priceFen: 2600, stock: 50 }),
    };
  });
  afterAll(() => cleanup());

  const place = async () => {
    const order = await createOrder(db, [
      { productId: products.a, quantity: 2 },
      { productId: products.b, quantity: 1 },
    ]);
    return { ...order, payable: { id: order.id, number: order.number, totalFen: order.totalFen } };
  };
  const status = async (id: number) =>
    (await db.selectFrom("orders").select("status").where("id", "=", id).executeTakeFirstOrThrow())
      .status;

  it("starts a payment with somewhere to send the shopper, and reuses it while open", async () => {
    const order = await place();
    const first = await driver.gateway.startPayment(db, order.payable);
    expect(first.redirectUrl).toMatch(/^(\/pay\/demo\/|http:\/\/127\.0\.0\.1)/);
    const again = await driver.gateway.startPayment(db, order.payable);
    expect(again.paymentId).toBe(first.paymentId);
    expect(await status(order.id)).toBe("pending_payment");
  });

  it("marks the order paid once, writes the ledger and the shipments", async () => {
    const order = await place();
    const { paymentId } = await driver.gateway.startPayment(db, order.payable);
    await driver.pay(db, order.id, paymentId);
    await driver.pay(db, order.id, paymentId).catch(() => undefined);
    expect(await status(order.id)).toBe("paid");
    const ledger = await db
      .selectFrom("aid_ledger")
      .select("amount_fen")
      .where("order_id", "=", order.id)
      .execute();
    expect(ledger.map((l) => l.amount_fen).sort()).toEqual([2600, 9600]);
    const shipments = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", order.id)
      .execute();
    expect(shipments).toHaveLength(2);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it("refunds part of an order with an idempotency key, reversing the ledger when confirmed", async () => {
    const order = await place();
    const { paymentId } = await driver.gateway.startPayment(db, order.payable);
    await driver.pay(db, order.id, paymentId);
    const line = await db
      .selectFrom("order_lines")
      .select(["id"])
      .where("order_id", "=", order.id)
      .where("product_id", "=", products.a)
      .executeTakeFirstOrThrow();
    const result = await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "lines", lines: [{ orderLineId: line.id, quantity: 1 }] },
        restock: false,
        reason: "客户收到破损",
        actor: { id: null, name: "测试管理员" },
      },
      { gatewayFor: () => driver.gateway },
    );
    expect(result.amountFen).toBe(4800);
    await driver.settleRefund(db, result.refundId);
    await driver.settleRefund(db, result.refundId);
    expect(await status(order.id)).toBe("partially_refunded");
    const refund = await db
      .selectFrom("refunds")
      .select(["status", "idempotency_key"])
      .where("id", "=", result.refundId)
      .executeTakeFirstOrThrow();
    expect(refund.status).toBe("succeeded");
    expect(refund.idempotency_key.length).toBeGreaterThan(10);
    const reversal = await db
      .selectFrom("aid_ledger")
      .select("amount_fen")
      .where("refund_id", "=", result.refundId)
      .execute();
    expect(reversal).toEqual([{ amount_fen: -4800 }]);
    expect((await checkLedger(db)).ok).toBe(true);
  });
});

describe("Stripe refunds", () => {
  it("sends the refund with its idempotency key, and a refusal changes no totals", async () => {
    const { db, cleanup } = await freshDb();
    try {
      const driver = drivers.stripe!();
      const { datong } = await createBasicCatalog(db);
      const p = await createProduct(db, { cooperativeId: datong, priceFen: 9900 });
      const order = await createOrder(db, [{ productId: p, quantity: 1 }]);
      const { paymentId } = await driver.gateway.startPayment(db, {
        id: order.id,
        number: order.number,
        totalFen: order.totalFen,
      });
      await driver.pay(db, order.id, paymentId);
      fake.failNextRefund = "charge_already_refunded";
      const refused = await requestRefund(
        db,
        {
          orderId: order.id,
          selection: { mode: "all" },
          restock: false,
          reason: "测试拒绝",
          actor: { id: null, name: "测试管理员" },
        },
        { gatewayFor: () => driver.gateway },
      );
      expect(refused.status).toBe("failed");
      expect(refused.failureReason).toMatch(/charge_already_refunded/);
      expect(
        await db.selectFrom("aid_ledger").select("id").where("refund_id", "is not", null).execute(),
      ).toEqual([]);
      expect(
        (
          await db
            .selectFrom("orders")
            .select("status")
            .where("id", "=", order.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe("paid");

      const accepted = await requestRefund(
        db,
        {
          orderId: order.id,
          selection: { mode: "all" },
          restock: true,
          reason: "整单退款",
          actor: { id: null, name: "测试管理员" },
        },
        { gatewayFor: () => driver.gateway },
      );
      const sent = fake.lastRequest("/v1/refunds")!;
      const row = await db
        .selectFrom("refunds")
        .select("idempotency_key")
        .where("id", "=", accepted.refundId)
        .executeTakeFirstOrThrow();
      expect(sent.idempotencyKey).toBe(row.idempotency_key);
      expect(sent.params).toMatchObject({
        amount: String(order.totalFen),
        metadata: { refund_id: String(accepted.refundId) },
      });
      // nothing changes until Stripe confirms
      expect(
        (
          await db
            .selectFrom("orders")
            .select("status")
            .where("id", "=", order.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe("paid");
      await driver.settleRefund(db, accepted.refundId);
      expect(
        (
          await db
            .selectFrom("orders")
            .select("status")
            .where("id", "=", order.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe("refunded");
      expect((await checkLedger(db)).ok).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
