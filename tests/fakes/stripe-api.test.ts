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

  it("keeps the events Stripe would have sent, expands the payment intent, lists refunds", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "cny", unit_amount: 990, product_data: { name: "青稞" } },
        },
      ],
      success_url: "http://shop/ok",
      cancel_url: "http://shop/no",
    });
    fake.complete(session.id, "unpaid");
    const plain = await stripe.checkout.sessions.retrieve(session.id);
    expect(typeof plain.payment_intent).toBe("string");
    const expanded = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent"],
    });
    expect(expanded.payment_intent).toMatchObject({
      object: "payment_intent",
      status: "processing",
    });
    fake.settleAsync(session.id, "failed");
    expect(fake.eventsFor(session.id).map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "checkout.session.async_payment_failed",
    ]);
    const refund = await stripe.refunds.create({
      payment_intent: plain.payment_intent as string,
      amount: 990,
    });
    fake.settleRefund(refund.id, "failed");
    const listed = await stripe.refunds.list({ payment_intent: plain.payment_intent as string });
    expect(listed.data.map((r) => [r.id, r.status, r.failure_reason])).toEqual([
      [refund.id, "failed", "expired_or_canceled_card"],
    ]);
    fake.failNextRequests = 1;
    await expect(stripe.refunds.retrieve(refund.id)).rejects.toThrow(/Stripe's end/);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe("failed");
  });
});
