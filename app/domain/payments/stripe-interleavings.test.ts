// Property-style: for each way a Checkout Session can end, deliver its events many times
// over, in every kind of order, and check the order always lands in the same state with
// stock and the aid ledger consistent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { asStripeEvent, stripeEvent } from "#tests/fakes/stripe-api";
import { handleStripePaymentEvent } from "./stripe-events.server";

/** A small seeded generator, so a failure can be replayed from its seed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Scenario = "card_paid" | "async_paid" | "async_failed" | "abandoned";
const EXPECTED: Record<Scenario, { status: string; stockTaken: boolean; ledger: boolean }> = {
  card_paid: { status: "paid", stockTaken: true, ledger: true },
  async_paid: { status: "paid", stockTaken: true, ledger: true },
  async_failed: { status: "pending_payment", stockTaken: true, ledger: false },
  abandoned: { status: "expired", stockTaken: false, ledger: false },
};

let db: DB;
let cleanup: () => Promise<void>;
let product: number;
const STOCK = 10_000;
beforeAll(async () => {
  ({ db, cleanup } = await freshDb());
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, stock: STOCK, priceFen: 2500 });
});
afterAll(() => cleanup());

function eventsFor(
  scenario: Scenario,
  session: Record<string, unknown>,
): Array<Record<string, unknown>> {
  const paid = {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: "pi_test_1",
  };
  const unpaid = {
    ...session,
    status: "complete",
    payment_status: "unpaid",
    payment_intent: "pi_test_1",
  };
  switch (scenario) {
    case "card_paid":
      return [stripeEvent("checkout.session.completed", paid)];
    case "async_paid":
      return [
        stripeEvent("checkout.session.completed", unpaid),
        stripeEvent("checkout.session.async_payment_succeeded", paid),
      ];
    case "async_failed":
      return [
        stripeEvent("checkout.session.completed", unpaid),
        stripeEvent("checkout.session.async_payment_failed", unpaid),
      ];
    case "abandoned":
      return [stripeEvent("checkout.session.expired", { ...session, status: "expired" })];
  }
}

describe("random interleavings of a session's events", () => {
  const scenarios: Scenario[] = ["card_paid", "async_paid", "async_failed", "abandoned"];
  for (let seed = 1; seed <= 40; seed++) {
    const scenario = scenarios[seed % scenarios.length]!;
    it(`seed ${seed}: ${scenario}`, async () => {
      const random = mulberry32(seed);
      const quantity = 1 + Math.floor(random() * 4);
      const stockBefore = (
        await db
          .selectFrom("products")
          .select("stock")
          .where("id", "=", product)
          .executeTakeFirstOrThrow()
      ).stock;
      const order = await createOrder(db, [{ productId: product, quantity }]);
      const sessionId = `cs_test_seed_${seed}`;
      await db
        .insertInto("payments")
        .values({
          id: sessionId,
          order_id: order.id,
          gateway: "stripe",
          status: "open",
          amount_fen: order.totalFen,
          attempt: 1,
          external_url: null,
          updated_at: new Date().toISOString(),
        })
        .execute();
      const session = {
        id: sessionId,
        object: "checkout.session",
        amount_total: order.totalFen,
        metadata: { order_id: String(order.id) },
        client_reference_id: String(order.id),
      };
      const deliveries: Array<Record<string, unknown>> = [];
      for (const event of eventsFor(scenario, session)) {
        const copies = 1 + Math.floor(random() * 3);
        for (let i = 0; i < copies; i++) deliveries.push(event);
      }
      for (let i = deliveries.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
      }
      for (const event of deliveries) await handleStripePaymentEvent(db, asStripeEvent(event));

      const expected = EXPECTED[scenario];
      const row = await db
        .selectFrom("orders")
        .select("status")
        .where("id", "=", order.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe(expected.status);
      const stockAfter = (
        await db
          .selectFrom("products")
          .select("stock")
          .where("id", "=", product)
          .executeTakeFirstOrThrow()
      ).stock;
      expect(stockAfter).toBe(stockBefore - (expected.stockTaken ? quantity : 0));
      const ledger = await db
        .selectFrom("aid_ledger")
        .select(["amount_fen"])
        .where("order_id", "=", order.id)
        .execute();
      expect(ledger.reduce((s, e) => s + e.amount_fen, 0)).toBe(
        expected.ledger ? quantity * 2500 : 0,
      );
      const distinct = new Set(deliveries.map((e) => e.id)).size;
      const recorded = await db
        .selectFrom("payment_events")
        .select("id")
        .where("order_id", "=", order.id)
        .execute();
      expect(recorded).toHaveLength(distinct);
    });
  }
});
