import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { completeDemoPayment, demoGateway } from "../payments/demo-gateway.server";
import { applyPaymentEvent } from "../payments/events.server";
import { applyRefundEvent } from "../orders/refund-settlement.server";
import { requestRefund } from "../orders/refunds.server";
import { markShipped } from "../orders/shipments.server";
import { markDelivered } from "../orders/delivery.server";
import { tellBuyer } from "./order-messages.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const outbox = () =>
  db.selectFrom("outbox").select(["channel", "to", "subject", "body"]).orderBy("id").execute();

async function yakOrder(input: { email?: string | null } = {}) {
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 2800, stock: 20 });
  return createOrder(db, [{ productId: yak, quantity: 2 }], {
    input: { email: input.email ?? null },
  });
}

async function pay(order: { id: number; number: string; totalFen: number }) {
  await demoGateway.startPayment(db, order);
  return completeDemoPayment(db, order.id, "succeeded");
}

describe("order messages", () => {
  it("tells the buyer of placement by SMS, and by e-mail when one was given, in Chinese", async () => {
    const order = await yakOrder({ email: "wang@example.com" });
    const sent = await outbox();
    expect(sent.map((m) => [m.channel, m.to])).toEqual([
      ["sms", "13812345678"],
      ["email", "wang@example.com"],
    ]);
    expect(sent[0]!.subject).toBe(`山海: 订单 ${order.number} 已提交`);
    expect(sent[0]!.body).toContain(`http://shop.test/orders/${order.number}`);
  });

  it("writes each event in the language the order was placed in", async () => {
    const order = await yakOrder();
    await db.updateTable("orders").set({ locale: "en" }).where("id", "=", order.id).execute();
    await pay(order);
    const paid = (await outbox()).at(-1)!;
    expect(paid.subject).toBe(`Shanhai: Order ${order.number} paid`);
    expect(paid.body).toMatch(/We received ¥\d/);
  });

  it("tells of payment once, however often the gateway repeats the news", async () => {
    const order = await yakOrder();
    expect(await pay(order)).toBe("applied");
    const payment = await db
      .selectFrom("payments")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    // the same news under another event id (a replayed webhook): the order is already paid
    const again = await applyPaymentEvent(db, {
      id: "evt_replay_1",
      gateway: "demo",
      type: "payment.succeeded",
      orderId: order.id,
      paymentId: payment.id,
      amountFen: order.totalFen,
      payload: {},
    });
    expect(again).toBe("ignored");
    const subjects = (await outbox()).map((m) => m.subject);
    expect(subjects.filter((s) => s.includes("付款成功"))).toHaveLength(1);
  });

  it("sends nothing when the change it belongs to is rolled back", async () => {
    const order = await yakOrder();
    const before = (await outbox()).length;
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await tellBuyer(trx, order.id, { kind: "paid" })).toBe(true);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outbox()).toHaveLength(before);
    // and the event can still be told once the change does happen
    expect(await tellBuyer(db, order.id, { kind: "paid" })).toBe(true);
    expect(await tellBuyer(db, order.id, { kind: "paid" })).toBe(false);
  });

  it("tells of shipping with carrier and tracking number, delivery, and refunds, once each", async () => {
    const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 2800, stock: 20 });
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }]);
    const parcel = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    const ship = {
      coopId: coops.datong,
      shipmentId: parcel.id,
      carrier: "sf",
      trackingNumber: "SF1234567890",
    };
    await markShipped(db, ship);
    await markShipped(db, ship);
    expect(await markDelivered(db, { coopId: coops.datong, shipmentId: parcel.id })).toBe(
      "delivered",
    );
    expect(await markDelivered(db, { coopId: coops.datong, shipmentId: parcel.id })).toBe(
      "unchanged",
    );
    const refund = await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "all" },
        restock: false,
        reason: "包装破损",
        actor: { id: null, name: "管理员" },
      },
      { gatewayFor: () => demoGateway },
    );
    // the gateway's confirmation delivered once more under another id changes nothing
    expect(
      await applyRefundEvent(db, {
        eventId: "demo_refund_replay",
        gateway: "demo",
        refundId: refund.refundId,
        status: "succeeded",
      }),
    ).toBe("ignored");
    const sms = (await outbox()).filter((m) => m.channel === "sms");
    expect(sms.map((m) => m.subject)).toEqual([
      `山海: 订单 ${order.number} 已提交`,
      `山海: 订单 ${order.number} 付款成功`,
      `山海: 订单 ${order.number} 已发货`,
      `山海: 订单 ${order.number} 已送达`,
      `山海: 订单 ${order.number} 已退款`,
    ]);
    expect(sms[2]!.body).toContain("顺丰速运，运单号 SF1234567890");
    expect(sms[4]!.body).toContain("包装破损");
    expect(sms[4]!.body).toContain("帮扶金额已相应冲减");
  });
});
