import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { demoGateway } from "../payments/demo-gateway.server";
import { markDelivered } from "./delivery.server";
import { requestRefund } from "./refunds.server";
import { markShipped } from "./shipments.server";

let db: DB;
let cleanup: () => Promise<void>;
let barley: number;
let noodles: number;

const t0 = new Date("2026-11-20T02:00:00Z");
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const { datong, huangzhong } = await createBasicCatalog(db);
  barley = await createProduct(db, { cooperativeId: datong, nameZh: "青稞米" });
  noodles = await createProduct(db, { cooperativeId: huangzhong, nameZh: "青稞挂面" });
});
afterEach(() => cleanup());

/** An order with one parcel from each of two cooperatives, both shipped. */
async function shippedOrder() {
  const order = await createPaidOrder(
    db,
    [
      { productId: barley, quantity: 1 },
      { productId: noodles, quantity: 2 },
    ],
    { now: t0 },
  );
  const parcels = await db
    .selectFrom("shipments")
    .select(["id", "cooperative_id"])
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  for (const p of parcels) {
    await markShipped(db, {
      coopId: p.cooperative_id,
      shipmentId: p.id,
      carrier: "sf",
      trackingNumber: `SF10000000${p.id}`,
      now: hours(5),
    });
  }
  return { order, parcels };
}

const statusOf = async (orderId: number) =>
  (
    await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow()
  ).status;

describe("markDelivered", () => {
  it("completes the order once every parcel is signed for, and says so in the audit log", async () => {
    const { order, parcels } = await shippedOrder();
    expect(await statusOf(order.id)).toBe("fulfilled");
    expect(await markDelivered(db, { shipmentId: parcels[0]!.id, now: hours(30) })).toBe(
      "delivered",
    );
    expect(await statusOf(order.id)).toBe("fulfilled");
    expect(await markDelivered(db, { shipmentId: parcels[1]!.id, now: hours(40) })).toBe(
      "delivered",
    );
    expect(await statusOf(order.id)).toBe("completed");
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity_id", "at"])
      .where("action", "=", "delivered")
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { entity_id: parcels[0]!.id, at: hours(30).toISOString() },
      { entity_id: parcels[1]!.id, at: hours(40).toISOString() },
    ]);
  });

  it("does nothing twice, nor to a parcel that has not left", async () => {
    const order = await createPaidOrder(db, [{ productId: barley, quantity: 1 }], { now: t0 });
    const parcel = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(await markDelivered(db, { shipmentId: parcel.id, now: hours(1) })).toBe("unchanged");
    expect(await statusOf(order.id)).toBe("paid");

    const shipped = await shippedOrder();
    const first = shipped.parcels[0]!.id;
    expect(await markDelivered(db, { shipmentId: first, now: hours(30) })).toBe("delivered");
    expect(await markDelivered(db, { shipmentId: first, now: hours(31) })).toBe("unchanged");
  });

  it("leaves a refunded order refunded", async () => {
    const { order, parcels } = await shippedOrder();
    await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "all" },
        restock: false,
        reason: "顾客拒收",
        actor: { id: null, name: "admin" },
      },
      { gatewayFor: () => demoGateway, now: hours(20) },
    );
    expect(await statusOf(order.id)).toBe("refunded");
    for (const p of parcels) await markDelivered(db, { shipmentId: p.id, now: hours(30) });
    expect(await statusOf(order.id)).toBe("refunded");
  });
});
