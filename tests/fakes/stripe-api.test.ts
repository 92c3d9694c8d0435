import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripe, parseStripeForm } from "./stripe-api";

let fake: FakeStripe;
let stripe: Stripe;
beforeAll(async () => {
  fake = await new FakeStripe().start();
  stripe = new Stripe("sk_test_fake", fake.clientOptions());
});
afterAll(() => fake.stop());

describe("the fake Stripe API", () => {
  it("parses Stripe's nested form encoding", () => {
    expect(parseStripeForm("a[b][0][c]=1&a[b][1][c]=2&x=y")).toEqual({
      a: { b: [{ c: "1" }, { c: "2" }] },
      x: "y",
    });
  });

  it("answers the real SDK and records what it sent, with the idempotency key", async () => {
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 2,
            price_data: { currency: "cny", unit_amount: 1580, product_data: { name: "鲜牛奶" } },
          },
        ],
        success_url: "http://shop/ok",
        cancel_url: "http://shop/no",
        metadata: { order_id: "7" },
      },
      { idempotencyKey: "order-7-attempt-1" },
    );
    expect(session.amount_total).toBe(3160);
    const sent = fake.lastRequest("/v1/checkout/sessions")!;
    expect(sent.idempotencyKey).toBe("order-7-attempt-1");
    expect(sent.params).toMatchObject({ mode: "payment", metadata: { order_id: "7" } });
    const again = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 2,
            price_data: { currency: "cny", unit_amount: 1580, product_data: { name: "鲜牛奶" } },
          },
        ],
        success_url: "http://shop/ok",
        cancel_url: "http://shop/no",
        metadata: { order_id: "7" },
      },
      { idempotencyKey: "order-7-attempt-1" },
    );
    expect(again.id).toBe(session.id);
    await expect(
      stripe.checkout.sessions.create(
        { mode: "payment", success_url: "http://x" },
        { idempotencyKey: "order-7-attempt-1" },
      ),
    ).rejects.toThrow(/same parameters/);
  });
});
