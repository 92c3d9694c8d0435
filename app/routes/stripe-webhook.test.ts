// Stripe end to end with the real SDK against the loopback fake: checkout creates the exact
// Checkout Session, and signed webhooks drive the order (valid, forged, tampered, stale,
// duplicated, out of order, unknown order).
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripe, stripeEvent } from "#tests/fakes/stripe-api";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { Browser, call } from "#tests/http";
import {
  shopperCheckoutForm,
  stopStripeFake,
  TEST_WEBHOOK_SECRET,
  useStripeFake,
} from "#tests/stripe-store";
import { getDb } from "~/utils/db.server";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";
import * as orderPage from "./orders.$number/route";
import * as webhook from "./webhooks.stripe";

const WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
let fake: FakeStripe;
const signer = new Stripe("sk_test_signer");
let yak: number;
let milk: number;

beforeAll(async () => {
  fake = await useStripeFake();
  const db = await getDb();
  const { datong, huangzhong } = await createBasicCatalog(db);
  yak = await createProduct(db, {
    cooperativeId: datong,
    nameZh: "牦牛腱子",
    nameEn: "Yak shank",
    priceFen: 12800,
    stock: 100,
    coldChain: true,
  });
  milk = await createProduct(db, {
    cooperativeId: huangzhong,
    nameZh: "鲜牛奶",
    nameEn: "Fresh milk",
    priceFen: 1580,
    stock: 100,
  });
});
afterAll(() => stopStripeFake(fake));

const form = shopperCheckoutForm;

async function placeOrder(items: Array<[number, number]>) {
  const b = new Browser();
  for (const [productId, quantity] of items) {
    await call(cart.action, b.post("/cart", { intent: "add", productId, quantity }), {}, b);
  }
  const response = await call(checkout.action, b.post("/checkout", form), {}, b);
  const db = await getDb();
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "total_fen", "expires_at", "status"])
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return { browser: b, response, order };
}

function signed(
  event: object,
  options: { secret?: string; timestamp?: number; tamper?: boolean } = {},
) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  const body = options.tamper ? payload.replace('"amount_total":', '"amount_total":1') : payload;
  return new Request("http://shop.test/webhooks/stripe", {
    method: "POST",
    body,
    headers: { "Stripe-Signature": header, "Content-Type": "application/json" },
  });
}

const deliver = async (event: object, options?: Parameters<typeof signed>[1]) =>
  call(webhook.action, signed(event, options));
const orderStatus = async (id: number) =>
  (
    await (
      await getDb()
    )
      .selectFrom("orders")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).status;

describe("Checkout Session", () => {
  it("sends the exact session Stripe needs, with an idempotency key per order and attempt", async () => {
    const { response, order } = await placeOrder([
      [yak, 1],
      [milk, 2],
    ]);
    const sent = fake.lastRequest("/v1/checkout/sessions")!;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${fake.port}/checkout/cs_test_`),
    );
    expect(sent.idempotencyKey).toBe(`shanhai-${order.number}-attempt-1`);
    expect(sent.params).toMatchObject({
      mode: "payment",
      currency: "cny",
      allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
      payment_method_options: { wechat_pay: { client: "web" } },
      client_reference_id: String(order.id),
      metadata: { order_id: String(order.id), order_number: order.number },
      payment_intent_data: { metadata: { order_id: String(order.id), order_number: order.number } },
      expires_at: String(Math.floor(new Date(order.expires_at).getTime() / 1000)),
      success_url: `http://shop.test/orders/${order.number}?paid=1`,
      cancel_url: `http://shop.test/orders/${order.number}?cancelled=1`,
      customer_email: "wang@example.com",
      line_items: [
        {
          quantity: "1",
          price_data: {
            currency: "cny",
            unit_amount: "12800",
            product_data: { name: "牦牛腱子 (1 件)" },
          },
        },
        {
          quantity: "2",
          price_data: {
            currency: "cny",
            unit_amount: "1580",
            product_data: { name: "鲜牛奶 (1 件)" },
          },
        },
        {
          quantity: "1",
          price_data: { currency: "cny", unit_amount: "2800", product_data: { name: "运费" } },
        },
      ],
    });
    expect(sent.params).not.toHaveProperty("payment_method_types");
    expect(12800 + 2 * 1580 + 2800).toBe(order.total_fen);
  });

  it("reuses the open session when the shopper pays again, and starts attempt 2 after it expired", async () => {
    const { browser, order } = await placeOrder([[milk, 1]]);
    const created = () =>
      fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions").length;
    const before = created();
    const again = await call(
      orderPage.action,
      browser.post(`/orders/${order.number}`, { intent: "pay" }),
      { number: order.number },
      browser,
    );
    expect(again.status).toBe(302);
    expect(created()).toBe(before);
    const first = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    first.status = "expired";
    const retry = await call(
      orderPage.action,
      browser.post(`/orders/${order.number}`, { intent: "pay" }),
      { number: order.number },
      browser,
    );
    expect(retry.status).toBe(302);
    expect(created()).toBe(before + 1);
    expect(fake.lastRequest("/v1/checkout/sessions")!.idempotencyKey).toBe(
      `shanhai-${order.number}-attempt-2`,
    );
  });
});

describe("webhooks", () => {
  it("pays the order on a signed checkout.session.completed, and once however often it comes", async () => {
    const { order } = await placeOrder([[yak, 1]]);
    const session = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    const event = stripeEvent("checkout.session.completed", fake.complete(session.id as string));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await deliver(event)).status);
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect(await orderStatus(order.id)).toBe("paid");
    const db = await getDb();
    const ledger = await db
      .selectFrom("aid_ledger")
      .select(["amount_fen"])
      .where("order_id", "=", order.id)
      .execute();
    expect(ledger).toEqual([{ amount_fen: 12800 }]);
    const events = await db
      .selectFrom("payment_events")
      .select("outcome")
      .where("id", "=", event.id as string)
      .execute();
    expect(events).toEqual([{ outcome: "applied" }]);
  });

  it("refuses forged, tampered, stale and unsigned deliveries with 400 and changes nothing", async () => {
    const { order } = await placeOrder([[milk, 1]]);
    const session = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    const event = stripeEvent("checkout.session.completed", fake.complete(session.id as string));
    expect((await deliver(event, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await deliver(event, { tamper: true })).status).toBe(400);
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(
      400,
    );
    const unsigned = new Request("http://shop.test/webhooks/stripe", {
      method: "POST",
      body: JSON.stringify(event),
    });
    expect((await call(webhook.action, unsigned)).status).toBe(400);
    expect(await orderStatus(order.id)).toBe("pending_payment");
  });

  it("stops reading a body past 1 MB with 413, however it is sent", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    // an endless body (no length): the route must stop pulling soon after the limit
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://shop.test/webhooks/stripe", {
      method: "POST",
      body,
      headers: { "Stripe-Signature": "t=1,v1=00", "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const response = await call(webhook.action, request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("ignores an expiry that arrives after payment", async () => {
    const { order } = await placeOrder([[milk, 3]]);
    const session = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    const completed = stripeEvent(
      "checkout.session.completed",
      fake.complete(session.id as string),
    );
    const expired = stripeEvent("checkout.session.expired", { ...session, status: "expired" });
    await deliver(completed);
    await deliver(expired);
    expect(await orderStatus(order.id)).toBe("paid");
  });

  it("expires an unpaid order on checkout.session.expired and gives its stock back", async () => {
    const db = await getDb();
    const stock = async () =>
      (
        await db
          .selectFrom("products")
          .select("stock")
          .where("id", "=", milk)
          .executeTakeFirstOrThrow()
      ).stock;
    const before = await stock();
    const { order } = await placeOrder([[milk, 4]]);
    expect(await stock()).toBe(before - 4);
    const session = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    await deliver(stripeEvent("checkout.session.expired", { ...session, status: "expired" }));
    expect(await orderStatus(order.id)).toBe("expired");
    expect(await stock()).toBe(before);
  });

  it("waits for an asynchronous payment and settles on its outcome", async () => {
    const { order } = await placeOrder([[milk, 1]]);
    const session = [...fake.sessions.values()].find(
      (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
    )!;
    const object = fake.complete(session.id as string, "unpaid");
    await deliver(stripeEvent("checkout.session.completed", object));
    expect(await orderStatus(order.id)).toBe("pending_payment");
    const db = await getDb();
    const held = await db
      .selectFrom("orders")
      .select("expires_at")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(new Date(held.expires_at).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    await deliver(
      stripeEvent("checkout.session.async_payment_succeeded", {
        ...object,
        payment_status: "paid",
      }),
    );
    expect(await orderStatus(order.id)).toBe("paid");
  });

  it("records an event for an unknown order and answers 2xx", async () => {
    const event = stripeEvent("checkout.session.completed", {
      id: "cs_test_nobody",
      object: "checkout.session",
      metadata: { order_id: "987654" },
      amount_total: 100,
      payment_status: "paid",
      status: "complete",
    });
    expect((await deliver(event)).status).toBe(200);
    const db = await getDb();
    const row = await db
      .selectFrom("payment_events")
      .select("outcome")
      .where("id", "=", event.id as string)
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe("unknown_order");
    expect((await deliver(stripeEvent("customer.created", { id: "cus_1" }))).status).toBe(200);
  });

  it("never marks an order paid from the success page alone", async () => {
    const { browser, order } = await placeOrder([[milk, 1]]);
    const page = await call(
      orderPage.loader,
      browser.get(`/orders/${order.number}?paid=1`),
      { number: order.number },
      browser,
    );
    expect(((await page.json()) as { order: { status: string } }).order.status).toBe(
      "pending_payment",
    );
  });
});
