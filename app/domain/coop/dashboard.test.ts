import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { markShipped } from "../orders/shipments.server";
import { completeDemoPayment, demoGateway } from "../payments/demo-gateway.server";
import { coopDashboard } from "./dashboard.server";

let db: DB;
let cleanup: () => Promise<void>;
let datong: number;
let huangzhong: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  ({ datong, huangzhong } = await createBasicCatalog(db));
});
afterEach(() => cleanup());

async function pay(items: Array<{ productId: number; quantity: number }>, paidAt: Date) {
  const order = await createOrder(db, items, {
    now: new Date(paidAt.getTime() - 60_000),
    ttlMinutes: 60,
  });
  await demoGateway.startPayment(db, {
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
  });
  await completeDemoPayment(db, order.id, "succeeded", paidAt);
  return order;
}

describe("coopDashboard", () => {
  it("counts parcels to ship and late ones, low stock, and this Shanghai month's sales", async () => {
    const yak = await createProduct(db, {
      cooperativeId: datong,
      priceFen: 10000,
      stock: 20,
      coldChain: true,
      category: "meat",
    });
    const uncertified = await createProduct(db, {
      cooperativeId: datong,
      priceFen: 3000,
      stock: 7,
      certifications: [],
    });
    const theirs = await createProduct(db, { cooperativeId: huangzhong, priceFen: 5000, stock: 3 });
    await createProduct(db, {
      cooperativeId: datong,
      stock: 0,
      nameZh: "下架的",
      status: "archived",
    });

    // 2026-11-30 23:30 Shanghai is still November; 2026-12-01 00:10 Shanghai is December.
    const lastOfNov = new Date("2026-11-30T15:30:00Z");
    const firstOfDec = new Date("2026-11-30T16:10:00Z");
    await pay(
      [
        { productId: yak, quantity: 1 },
        { productId: uncertified, quantity: 2 },
        { productId: theirs, quantity: 1 },
      ],
      lastOfNov,
    );
    const dec1 = await pay([{ productId: yak, quantity: 2 }], firstOfDec);
    const dec2 = await pay([{ productId: uncertified, quantity: 1 }], firstOfDec);
    // refunded money is not a sale
    await db.updateTable("orders").set({ status: "refunded" }).where("id", "=", dec2.id).execute();
    // another cooperative's lines never count
    await pay([{ productId: theirs, quantity: 1 }], firstOfDec);

    // 48 h after the November payment, but not yet after the December one
    const now = new Date("2026-12-02T16:00:00Z");
    const board = await coopDashboard(db, datong, now);
    expect(board).toMatchObject({
      year: 2026,
      month: 12,
      toShip: 2, // the refunded order's parcel is not waiting any more
      late: 1,
      monthSalesFen: 20000,
      monthAidFen: 20000,
      monthOrders: 1,
    });
    expect(board.lowStock).toEqual([expect.objectContaining({ id: uncertified, stock: 4 })]);

    const november = await coopDashboard(db, datong, new Date("2026-11-30T15:59:00Z"));
    expect(november).toMatchObject({
      month: 11,
      monthSalesFen: 10000 + 6000,
      monthAidFen: 10000,
      monthOrders: 1,
      late: 0,
    });

    // shipping a parcel takes it off the to-ship count
    const shipment = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", dec1.id)
      .executeTakeFirstOrThrow();
    await markShipped(db, {
      coopId: datong,
      shipmentId: shipment.id,
      carrier: "sf",
      trackingNumber: "SF0000000001",
    });
    expect(await coopDashboard(db, datong, now)).toMatchObject({ toShip: 1, late: 1 });
    // fulfilled orders still count as sales
    expect((await coopDashboard(db, datong, now)).monthSalesFen).toBe(20000);
  });

  it("is all zeros for a cooperative with nothing going on", async () => {
    expect(await coopDashboard(db, datong, new Date("2026-12-01T00:00:00Z"))).toEqual({
      year: 2026,
      month: 12,
      toShip: 0,
      late: 0,
      lowStock: [],
      monthSalesFen: 0,
      monthAidFen: 0,
      monthOrders: 0,
    });
  });
});
