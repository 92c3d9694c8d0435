// Route tests for collecting at a counter (ADR 048): choosing a counter at checkout (and
// being refused one that lacks a line, typing kept), the order page's code and QR only once
// paid, and the admin's list of pickup orders not collected within 7 days.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, browserWithSession, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import * as adminHome from "./admin._index";
import * as adminOrders from "./admin.orders._index";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";
import * as orderPage from "./orders.$number/route";
import * as pay from "./pay.demo.$number";

let jerky: number;
let ribs: number;
let counter: number;
let hall: number;

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  jerky = await createProduct(db, {
    cooperativeId: coops.datong,
    nameZh: "风干牦牛肉干",
    priceFen: 6800,
    stock: 100,
  });
  ribs = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    nameZh: "藏羊排",
    priceFen: 9800,
    stock: 100,
    coldChain: true,
  });
  counter = await createCounter(db, {
    nameZh: "绿色有机青海专柜",
    addressZh: "江苏省南京市秦淮区中山南路 88 号 1 层",
    districtZh: "秦淮区",
  });
  hall = await createCounter(db, { nameZh: "青海体验馆", districtZh: "雨花台区" });
  await stockCounter(db, counter, jerky, 10);
  await stockCounter(db, counter, ribs, 3);
  await stockCounter(db, hall, jerky, 10);
});

const contact = { contactName: "王小明", phone: "13812345678", email: "", buyerType: "individual" };

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

async function cartWith(lines: Array<[number, number]>) {
  const b = new Browser();
  for (const [productId, quantity] of lines) {
    await call(cart.action, b.post("/cart", { intent: "add", productId, quantity }), {}, b);
  }
  return b;
}

describe("checkout with a counter", () => {
  it("lists every counter, the one lacking a line with what it lacks", async () => {
    const b = await cartWith([
      [jerky, 1],
      [ribs, 1],
    ]);
    const page = await json(await call(checkout.loader, b.get("/checkout"), {}, b));
    const counters = page.counters as Array<{ id: number; name: string; missing: string[] }>;
    expect(counters.find((c) => c.id === counter)).toMatchObject({ missing: [] });
    expect(counters.find((c) => c.id === hall)).toMatchObject({ missing: ["藏羊排"] });
    expect(page.pickupTotalFen).toBe(6800 + 9800);
    // the counter's Chinese address for the order is the server's, not the page's
    expect(Object.keys(counters[0]!)).not.toContain("addressZh");
  });

  it("places a pickup order without an address, no shipping, from the counter's shelf; code and QR only once paid", async () => {
    const db = await getDb();
    const b = await cartWith([
      [jerky, 2],
      [ribs, 1],
    ]);
    const placed = await call(
      checkout.action,
      b.post("/checkout", { ...contact, counterId: String(counter) }),
      {},
      b,
    );
    expect(placed.status).toBe(302);
    const number = new URL(placed.headers.get("Location")!, "http://x").pathname.split("/").pop()!;
    const row = await db
      .selectFrom("orders")
      .select(["fulfilment", "counter_id", "shipping_fen", "total_fen", "district", "pickup_code"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      fulfilment: "pickup",
      counter_id: counter,
      shipping_fen: 0,
      total_fen: 2 * 6800 + 9800,
      district: "秦淮区",
    });
    expect(await counterStockOf(db, counter, jerky)).toBe(8);

    const unpaid = await json(
      await call(orderPage.loader, b.get(`/orders/${number}`), { number }, b),
    );
    expect(unpaid.pickup).toMatchObject({ code: null, qr: null });
    expect(JSON.stringify(unpaid)).not.toContain(row.pickup_code!);

    await call(pay.action, b.post(`/pay/demo/${number}`, { choice: "succeeded" }), { number }, b);
    const paid = await json(
      await call(orderPage.loader, b.get(`/orders/${number}`), { number }, b),
    );
    expect(paid.pickup).toMatchObject({
      code: row.pickup_code,
      qr: { text: row.pickup_code },
      counter: { name: "绿色有机青海专柜" },
    });
    expect((paid.order as { shipments: unknown[] }).shipments).toEqual([]);
  });

  it("refuses a counter that lacks a line, keeping what was typed and the cart", async () => {
    const db = await getDb();
    const b = await cartWith([
      [jerky, 1],
      [ribs, 1],
    ]);
    const before = await db.selectFrom("orders").select("id").execute();
    const refused = await call(
      checkout.action,
      b.post("/checkout", { ...contact, counterId: String(hall) }),
      {},
      b,
    );
    expect(refused.status).toBe(400);
    expect(await json(refused)).toMatchObject({
      errors: { counterId: "pickup.errors.counterUnavailable" },
      values: { contactName: "王小明", phone: "13812345678", counterId: String(hall) },
    });
    expect(await db.selectFrom("orders").select("id").execute()).toEqual(before);
    const view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.lines).toHaveLength(2);
  });

  it("still asks for an address for delivery", async () => {
    const b = await cartWith([[jerky, 1]]);
    const refused = await call(
      checkout.action,
      b.post("/checkout", { ...contact, counterId: "" }),
      {},
      b,
    );
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors).toMatchObject({ street: "checkout.errors.street" });
  });
});

describe("pickup orders not collected", () => {
  it("lists those paid more than 7 days ago for the admin, with a count on /admin; others are kept out", async () => {
    const db = await getDb();
    const old = await createPaidOrder(db, [{ productId: jerky, quantity: 1 }], {
      input: { counterId: counter, fulfilment: "pickup" },
      now: new Date(Date.now() - 8 * 86_400_000),
    });
    const recent = await createPaidOrder(db, [{ productId: jerky, quantity: 1 }], {
      input: { counterId: counter, fulfilment: "pickup" },
    });
    const { token } = await createUserWithSession(db, { role: "admin" });
    const admin = await browserWithSession(token);
    const list = await json(
      await call(adminOrders.loader, admin.get("/admin/orders?uncollected=1"), {}, admin),
    );
    const numbers = (list.uncollected as Array<{ number: string; daysWaiting: number }>).map(
      (o) => o.number,
    );
    expect(numbers).toContain(old.number);
    expect(numbers).not.toContain(recent.number);
    expect(list.uncollectedCount).toBe(numbers.length);
    const home = await json(await call(adminHome.loader, admin.get("/admin"), {}, admin));
    expect(home.uncollected).toBe(numbers.length);

    const { token: shopperToken } = await createUserWithSession(db, { role: "shopper" });
    const shopper = await browserWithSession(shopperToken);
    const kept = await call(
      adminOrders.loader,
      shopper.get("/admin/orders?uncollected=1"),
      {},
      shopper,
    );
    expect(kept.status).toBe(403);
  });
});
