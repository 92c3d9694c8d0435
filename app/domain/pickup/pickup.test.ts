import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { cartCount } from "../cart/cart.server";
import { checkoutSchemaFor } from "../checkout/checkout-input";
import { AMBIENT_FEE_FEN } from "../checkout/shipping";
import { expireStaleOrders } from "../orders/expiry.server";
import { requestRefund } from "../orders/refunds.server";
import { listCoopShipments, syncOrderFulfilment } from "../orders/shipments.server";
import { completeDemoPayment, demoGateway } from "../payments/demo-gateway.server";
import { splitOrderFlags } from "../aid/split-orders.server";
import { randomPickupCode, uniquePickupCode } from "./pickup-code.server";
import { PICKUP_CODE_RE } from "./pickup-code";
import { pickupChoices, pickupOptions } from "./pickup-counters.server";
import { orderPickup } from "./pickup-order.server";
import { countUncollected, listUncollected } from "./uncollected.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
let counter: number;
let yak: number;
let milk: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  yak = await createProduct(db, {
    cooperativeId: coops.datong,
    nameZh: "牦牛肉干",
    nameEn: "Yak jerky",
    priceFen: 2800,
    stock: 20,
  });
  milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    nameZh: "鲜牛奶",
    nameEn: "Fresh milk",
    priceFen: 1500,
    stock: 30,
    coldChain: true,
  });
  counter = await createCounter(db, {
    nameZh: "绿色有机青海专柜",
    nameEn: "Green Organic Qinghai Counter",
    addressZh: "江苏省南京市秦淮区中山南路 88 号 1 层",
    addressEn: "1F, 88 Zhongshan South Road, Qinhuai District, Nanjing",
    districtZh: "秦淮区",
    hoursZh: "每天 9:00–21:00",
    hoursEn: "Daily 9:00–21:00",
  });
  await stockCounter(db, counter, yak, 5);
  await stockCounter(db, counter, milk, 4);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const productStock = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;
const orderRow = (id: number) =>
  db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const pickupAt = (counterId: number, overrides: Record<string, unknown> = {}) => ({
  input: { counterId, fulfilment: "pickup" as const, ...overrides },
});

describe("placing a pickup order", () => {
  it("holds the counter's shelf, not the cooperative's stock, with no shipping fee", async () => {
    const order = await createOrder(
      db,
      [
        { productId: yak, quantity: 2 },
        { productId: milk, quantity: 1 },
      ],
      pickupAt(counter, { street: "江苏省南京市秦淮区中山南路 88 号 1 层" }),
    );
    expect(await counterStockOf(db, counter, yak)).toBe(3);
    expect(await counterStockOf(db, counter, milk)).toBe(3);
    expect(await productStock(yak)).toBe(20);
    expect(await productStock(milk)).toBe(30);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({
      fulfilment: "pickup",
      channel: "online",
      counter_id: counter,
      subtotal_fen: 2 * 2800 + 1500,
      shipping_fen: 0,
      total_fen: 2 * 2800 + 1500,
      address_key: "",
    });
    expect(order.totalFen).toBe(7100);
    expect(row.pickup_code).toMatch(PICKUP_CODE_RE);
  });

  it("charges delivery as before when no counter is chosen", async () => {
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }]);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ fulfilment: "delivery", counter_id: null, pickup_code: null });
    expect(row.shipping_fen).toBe(AMBIENT_FEE_FEN);
    expect(row.address_key).not.toBe("");
    expect(await productStock(yak)).toBe(19);
    expect(await counterStockOf(db, counter, yak)).toBe(5);
  });

  it("refuses when the counter lacks a line: nothing written, cart kept, product and counter named", async () => {
    const before = await db.selectFrom("orders").select("id").execute();
    const attempt = createOrder(
      db,
      [
        { productId: yak, quantity: 2 },
        { productId: milk, quantity: 5 },
      ],
      pickupAt(counter),
    );
    await expect(attempt).rejects.toMatchObject({
      code: "pickup.errors.notAtCounter",
      status: 409,
      params: { name: "鲜牛奶", stock: 4, counter: "绿色有机青海专柜" },
    });
    // the yak taken first was given back with the rollback
    expect(await counterStockOf(db, counter, yak)).toBe(5);
    expect(await counterStockOf(db, counter, milk)).toBe(4);
    expect(await productStock(milk)).toBe(30);
    expect(await db.selectFrom("orders").select("id").execute()).toEqual(before);
    expect(await db.selectFrom("order_lines").select("id").execute()).toEqual([]);
    const carts = await db.selectFrom("cart_items").select("cart_id").distinct().execute();
    expect(carts).toHaveLength(1);
    expect(await cartCount(db, carts[0]!.cart_id)).toBe(7);
  });

  it("refuses a counter that does not exist", async () => {
    await expect(
      createOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(999_999)),
    ).rejects.toMatchObject({ code: "pickup.errors.counterUnavailable", field: "counterId" });
    expect(await productStock(yak)).toBe(20);
  });

  it("gives the counter its goods back when the unpaid order expires", async () => {
    const placedAt = new Date("2026-12-01T02:00:00Z");
    await createOrder(db, [{ productId: yak, quantity: 3 }], {
      ...pickupAt(counter),
      now: placedAt,
      ttlMinutes: 30,
    });
    expect(await counterStockOf(db, counter, yak)).toBe(2);
    expect(await expireStaleOrders(db, new Date("2026-12-01T02:31:00Z"))).toBe(1);
    expect(await counterStockOf(db, counter, yak)).toBe(5);
    expect(await productStock(yak)).toBe(20);
  });

  it("gives each order its own code, drawing again when one is taken", async () => {
    const codes = new Set<string>();
    await stockCounter(db, counter, yak, 50);
    for (let i = 0; i < 12; i++) {
      const order = await createOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(counter));
      codes.add((await orderRow(order.id)).pickup_code!);
    }
    expect(codes.size).toBe(12);
    const taken = [...codes][0]!;
    const draws = [taken, taken, "00001234"];
    expect(await uniquePickupCode(db, () => draws.shift()!)).toBe("00001234");
    expect(randomPickupCode(() => 42)).toBe("00000042");
    expect(randomPickupCode()).toMatch(PICKUP_CODE_RE);
  });
});

describe("a paid pickup order", () => {
  it("has no parcels, so the cooperatives have nothing to ship and the order stays paid", async () => {
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(counter));
    expect(await db.selectFrom("shipments").select("id").execute()).toEqual([]);
    const list = await listCoopShipments(db, coops.datong, { status: "all" });
    expect(list.total).toBe(0);
    expect(await syncOrderFulfilment(db, order.id, new Date())).toBeNull();
    expect((await orderRow(order.id)).status).toBe("paid");
    // a delivered order still gets its parcel
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }]);
    expect(await db.selectFrom("shipments").select("id").execute()).toHaveLength(1);
  });

  it("never merges different buyers at one counter into one address for the split-order rule", async () => {
    const paidAt = new Date("2026-12-01T04:00:00Z");
    for (const phone of ["13800000001", "13800000002", "13800000003", "13800000004"]) {
      await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
        ...pickupAt(counter, { phone }),
        now: paidAt,
      });
    }
    const counts = await db.selectFrom("aid_split_order_counts").selectAll().execute();
    expect(counts.filter((c) => c.via === "address")).toEqual([]);
    expect(counts.filter((c) => c.via === "phone")).toHaveLength(4);
    const flags = await splitOrderFlags(db, { start: "2026-12-01", end: "2026-12-01" }, 10);
    expect(flags.total).toBe(0);
  });

  it("tells the buyer the counter, its address and hours and the code, in the order's language", async () => {
    const zh = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(counter));
    const code = (await orderRow(zh.id)).pickup_code!;
    const spaced = `${code.slice(0, 4)} ${code.slice(4)}`;
    const sms = await db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("channel", "=", "sms")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(sms.subject).toBe(`山海: 订单 ${zh.number} 付款成功，请到店取货`);
    expect(sms.body).toContain(`取货码 ${spaced}`);
    expect(sms.body).toContain(
      "绿色有机青海专柜（江苏省南京市秦淮区中山南路 88 号 1 层，营业时间 每天 9:00–21:00）",
    );
    expect(sms.body).not.toContain("合作社正在备货");

    const en = await createOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(counter));
    await db.updateTable("orders").set({ locale: "en" }).where("id", "=", en.id).execute();
    await demoGateway.startPayment(db, en);
    await completeDemoPayment(db, en.id, "succeeded");
    const enCode = (await orderRow(en.id)).pickup_code!;
    const enSms = await db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("channel", "=", "sms")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(enSms.subject).toBe(`Shanhai: Order ${en.number} paid: ready for pickup`);
    expect(enSms.body).toContain(`pickup code is ${enCode.slice(0, 4)} ${enCode.slice(4)}`);
    expect(enSms.body).toContain(
      "Green Organic Qinghai Counter (1F, 88 Zhongshan South Road, Qinhuai District, Nanjing; Daily 9:00–21:00)",
    );
  });

  it("puts refunded goods back on the counter's shelf when the refund restocks", async () => {
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], pickupAt(counter));
    expect(await counterStockOf(db, counter, yak)).toBe(3);
    const result = await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "all" },
        restock: true,
        reason: "逾期未取货",
        actor: { id: null, name: "平台管理员" },
      },
      { gatewayFor: () => demoGateway },
    );
    expect(result).toMatchObject({ status: "succeeded", amountFen: 5600 });
    expect(await counterStockOf(db, counter, yak)).toBe(5);
    expect(await productStock(yak)).toBe(20);
    expect((await orderRow(order.id)).status).toBe("refunded");
  });
});

describe("what the order page shows", () => {
  it("shows the code and its QR only once paid, and no longer once collected", async () => {
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }], pickupAt(counter));
    const unpaid = await orderPickup(db, order.id, "pending_payment", "zh-CN");
    expect(unpaid).toMatchObject({ code: null, qr: null, collected: null });
    expect(unpaid!.counter.name).toBe("绿色有机青海专柜");

    const code = (await orderRow(order.id)).pickup_code!;
    const paid = await orderPickup(db, order.id, "paid", "en");
    expect(paid!.code).toBe(code);
    expect(paid!.qr!.text).toBe(code);
    expect(paid!.counter).toMatchObject({
      name: "Green Organic Qinghai Counter",
      hours: "Daily 9:00–21:00",
    });
    expect((await orderPickup(db, order.id, "refunded", "zh-CN"))!.code).toBeNull();

    await db
      .updateTable("orders")
      .set({
        collected_at: "2026-12-02T03:00:00.000Z",
        collected_by_name: "刘洋",
        status: "fulfilled",
      })
      .where("id", "=", order.id)
      .execute();
    const collected = await orderPickup(db, order.id, "fulfilled", "zh-CN");
    expect(collected).toMatchObject({
      code: null,
      qr: null,
      collected: { at: "2026-12-02T03:00:00.000Z", byName: "刘洋" },
    });
    const delivery = await createOrder(db, [{ productId: yak, quantity: 1 }]);
    expect(await orderPickup(db, delivery.id, "paid", "zh-CN")).toBeNull();
  });
});

describe("orders not collected within 7 days", () => {
  it("lists paid pickup orders uncollected for more than 7 days, oldest first", async () => {
    const now = new Date("2026-12-20T02:00:00Z");
    const day = 86_400_000;
    await stockCounter(db, counter, yak, 50);
    const at = (days: number) => new Date(now.getTime() - days * day);
    const old = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      ...pickupAt(counter),
      now: at(9),
    });
    const older = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      ...pickupAt(counter),
      now: at(12),
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      ...pickupAt(counter),
      now: at(6),
    });
    const collected = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      ...pickupAt(counter),
      now: at(10),
    });
    await db
      .updateTable("orders")
      .set({ collected_at: at(8).toISOString(), status: "fulfilled" })
      .where("id", "=", collected.id)
      .execute();
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: at(10) }); // delivery
    const list = await listUncollected(db, "zh-CN", now);
    expect(list.map((o) => [o.number, o.daysWaiting, o.counter])).toEqual([
      [older.number, 12, "绿色有机青海专柜"],
      [old.number, 9, "绿色有机青海专柜"],
    ]);
    expect(await countUncollected(db, now)).toBe(2);
    await requestRefund(
      db,
      {
        orderId: older.id,
        selection: { mode: "all" },
        restock: true,
        reason: "逾期未取货",
        actor: { id: null, name: "平台管理员" },
      },
      { gatewayFor: () => demoGateway },
    );
    expect(await countUncollected(db, now)).toBe(1);
  });
});

describe("the counters offered at checkout", () => {
  it("offers a counter only when it holds every line, naming what another lacks", async () => {
    const hall = await createCounter(db, { nameZh: "体验馆", districtZh: "雨花台区" });
    await stockCounter(db, hall, yak, 10);
    const options = await pickupOptions(
      db,
      [
        { productId: yak, quantity: 2, name: "牦牛肉干" },
        { productId: milk, quantity: 4, name: "鲜牛奶" },
      ],
      "zh-CN",
    );
    expect(options.map((o) => [o.id, o.missing])).toEqual([
      [counter, []],
      [hall, ["鲜牛奶"]],
    ]);
    const choices = pickupChoices(options);
    expect(choices.map((c) => c.id)).toEqual([counter]);

    const form = {
      contactName: "李华",
      phone: "13812345678",
      buyerType: "individual",
      counterId: String(counter),
    };
    const parsed = checkoutSchemaFor(choices).parse(form);
    expect(parsed).toMatchObject({
      fulfilment: "pickup",
      counterId: counter,
      province: "江苏省",
      city: "南京市",
      district: "秦淮区",
      street: "中山南路 88 号 1 层",
    });
    const refused = checkoutSchemaFor(choices).safeParse({ ...form, counterId: String(hall) });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => [i.path[0], i.message])).toContainEqual([
      "counterId",
      "pickup.errors.counterUnavailable",
    ]);
    const delivery = checkoutSchemaFor(choices).safeParse({ ...form, counterId: "" });
    expect(delivery.success).toBe(false); // delivery needs an address
    expect(
      checkoutSchemaFor(choices).parse({
        ...form,
        counterId: "",
        province: "江苏省",
        city: "南京市",
        district: "栖霞区",
        street: "仙林大道 163 号",
      }),
    ).toMatchObject({ fulfilment: "delivery", counterId: null, district: "栖霞区" });
  });
});
