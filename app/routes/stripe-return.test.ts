// The page Stripe sends the shopper back to (/orders/:number?paid=1): while the order is
// still unpaid it asks Stripe once about the session, so a late webhook does not keep a
// paid order showing unpaid. Never for someone else's order, never more than once a view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeStripe } from "#tests/fakes/stripe-api";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { Browser, call } from "#tests/http";
import { captureLog } from "#tests/log";
import { shopperCheckoutForm, stopStripeFake, useStripeFake } from "#tests/stripe-store";
import { getDb } from "~/utils/db.server";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";
import * as orderPage from "./orders.$number/route";

let fake: FakeStripe;
let milk: number;

beforeAll(async () => {
  fake = await useStripeFake();
  const db = await getDb();
  const { huangzhong } = await createBasicCatalog(db);
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

/** A shopper places an order and is sent to Stripe; returns their browser and the session. */
async function placeOrder() {
  const browser = new Browser();
  await call(
    cart.action,
    browser.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
    {},
    browser,
  );
  const response = await call(checkout.action, browser.post("/checkout", form), {}, browser);
  expect(response.status).toBe(302);
  const db = await getDb();
  const order = await db
    .selectFrom("orders")
    .select(["id", "number"])
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const sessionId = [...fake.sessions.values()].find(
    (s) => (s.metadata as Record<string, string>).order_id === String(order.id),
  )!.id as string;
  return { browser, order, sessionId };
}

const view = async (browser: Browser, number: string, query = "?paid=1") => {
  const response = await call(
    orderPage.loader,
    browser.get(`/orders/${number}${query}`),
    { number },
    browser,
  );
  return {
    status: response.status,
    order:
      response.status === 200
        ? ((await response.json()) as { order: { status: string } }).order
        : null,
  };
};
const asked = (sessionId: string) =>
  fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/checkout/sessions/${sessionId}`)
    .length;

describe("back from Stripe, the webhook not yet here", () => {
  it("shows the order paid at once, asking Stripe once per view and no more once it is paid", async () => {
    const { browser, order, sessionId } = await placeOrder();
    fake.complete(sessionId); // the webhook is lost
    const page = await view(browser, order.number);
    expect(page.order?.status).toBe("paid");
    expect(asked(sessionId)).toBe(1);
    const db = await getDb();
    const ledger = await db
      .selectFrom("aid_ledger")
      .select("amount_fen")
      .where("order_id", "=", order.id)
      .execute();
    expect(ledger).toEqual([{ amount_fen: 1580 }]);
    expect((await view(browser, order.number)).order?.status).toBe("paid");
    expect(asked(sessionId)).toBe(1);
  });

  it("still unpaid at Stripe: one question per view, and the page says it is confirming", async () => {
    const { browser, order, sessionId } = await placeOrder();
    expect((await view(browser, order.number)).order?.status).toBe("pending_payment");
    expect(asked(sessionId)).toBe(1);
    expect((await view(browser, order.number)).order?.status).toBe("pending_payment");
    expect(asked(sessionId)).toBe(2);
    // an ordinary view of the order does not ask
    await view(browser, order.number, "");
    expect(asked(sessionId)).toBe(2);
  });

  it("never asks about someone else's order", async () => {
    const { order, sessionId } = await placeOrder();
    fake.complete(sessionId);
    const stranger = new Browser();
    const page = await view(stranger, order.number);
    // told how to reach the order (lookup, sign in), shown none of it
    expect(page.status).toBe(403);
    expect(page.order ?? null).toBeNull();
    expect(asked(sessionId)).toBe(0);
    const db = await getDb();
    const row = await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("pending_payment");
  });

  it("Stripe down: the page shows the order as it is and logs why", async () => {
    const { browser, order, sessionId } = await placeOrder();
    fake.complete(sessionId);
    fake.failNextRequests = 3; // the store's client tries three times
    const logged = captureLog();
    const page = await view(browser, order.number).finally(logged.restore);
    expect(page.status).toBe(200);
    expect(page.order?.status).toBe("pending_payment");
    expect(logged.entries()).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: `stripe return: session ${sessionId}`,
        err: expect.objectContaining({ message: expect.any(String) }),
      }),
    );
    // the next view (the page's refresh link) finds it paid
    expect((await view(browser, order.number)).order?.status).toBe("paid");
  });
});
