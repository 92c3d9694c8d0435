// The store dies (SIGKILL, OOM, a deploy) after Stripe created a Checkout Session but before
// the store wrote it down. Stripe keeps the session and its idempotency key; the store has
// neither. The order must still be payable, and the orphan session's later expiry must not
// close it.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { asStripeEvent, FakeStripe, stripeEvent } from "#tests/fakes/stripe-api";
import { checkLedger } from "../aid/ledger-check.server";
import { createStripeGateway } from "./stripe-gateway.server";
import { handleStripeEvent } from "./stripe-webhook.server";

const fake = new FakeStripe();
let db: DB;
let cleanup: () => Promise<void>;
let product: number;

beforeAll(async () => {
  await fake.start();
  ({ db, cleanup } = await freshDb());
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, priceFen: 8800, stock: 10 });
});
afterAll(async () => {
  await cleanup();
  await fake.stop();
});

const deliver = (type: string, session: Record<string, unknown>, now: Date) =>
  handleStripeEvent(db, asStripeEvent(stripeEvent(type, session)), now);

describe("a crash between Stripe creating a session and the store recording it", () => {
  it("starts the next attempt, lets the shopper pay it, and ignores the orphan's expiry", async () => {
    const gateway = createStripeGateway(new Stripe("sk_test_crash", fake.clientOptions()), {
      origin: "http://shop.test",
    });
    const t0 = new Date();
    const order = await createOrder(db, [{ productId: product, quantity: 2 }], { now: t0 });
    const payable = { id: order.id, number: order.number, totalFen: order.totalFen };
    const first = await gateway.startPayment(db, payable, t0);
    // what a kill between `sessions.create` and the insert leaves behind
    await db.deleteFrom("payments").where("id", "=", first.paymentId).execute();

    const t1 = new Date(t0.getTime() + 5_000);
    const second = await gateway.startPayment(db, payable, t1);
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(fake.lastRequest("/v1/checkout/sessions")!.idempotencyKey).toBe(
      `shanhai-${order.number}-attempt-2`,
    );
    const recorded = await db
      .selectFrom("payments")
      .select(["id", "attempt", "status"])
      .where("order_id", "=", order.id)
      .execute();
    expect(recorded).toEqual([{ id: second.paymentId, attempt: 2, status: "open" }]);

    // Stripe gives up on the orphan; the shopper is paying the new session meanwhile.
    const orphan = fake.sessions.get(first.paymentId)!;
    orphan.status = "expired";
    expect(await deliver("checkout.session.expired", orphan, t1)).toBe("ignored");
    const pending = await db
      .selectFrom("orders")
      .select(["status", "stock_released"])
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(pending).toEqual({ status: "pending_payment", stock_released: 0 });

    expect(await deliver("checkout.session.completed", fake.complete(second.paymentId), t1)).toBe(
      "applied",
    );
    const paid = await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(paid.status).toBe("paid");
    const { stock } = await db
      .selectFrom("products")
      .select("stock")
      .where("id", "=", product)
      .executeTakeFirstOrThrow();
    expect(stock).toBe(8);
    expect((await checkLedger(db)).ok).toBe(true);
  });
});
