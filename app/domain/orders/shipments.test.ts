import { orderShipments } from "./order-parcels.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { DomainError } from "../errors";
import { completeDemoPayment, demoGateway } from "../payments/demo-gateway.server";
import {
  createShipmentsForOrder,
  getCoopShipment,
  isLate,
  listCoopShipments,
  markPacked,
  markShipped,
} from "./shipments.server";

let db: DB;
let cleanup: () => Promise<void>;
let datong: number;
let huangzhong: number;
let yak: number;
let barley: number;
let milk: number;

const t0 = new Date("2026-11-28T02:00:00Z");
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  ({ datong, huangzhong } = await createBasicCatalog(db));
  yak = await createProduct(db, {
    cooperativeId: datong,
    nameZh: "牦牛腱子",
    coldChain: true,
    category: "meat",
  });
  barley = await createProduct(db, { cooperativeId: datong, nameZh: "青稞米" });
  milk = await createProduct(db, { cooperativeId: huangzhong, nameZh: "青稞挂面" });
});
afterEach(() => cleanup());

/** An order with yak + barley from Datong and noodles from Huangzhong, paid at t0. */
async function paidOrder(paidAt = t0) {
  const order = await createOrder(
    db,
    [
      { productId: yak, quantity: 1 },
      { productId: barley, quantity: 2 },
      { productId: milk, quantity: 3 },
    ],
    { now: new Date(paidAt.getTime() - 60_000) },
  );
  await demoGateway.startPayment(db, {
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
  });
  expect(await completeDemoPayment(db, order.id, "succeeded", paidAt)).toBe("applied");
  const shipments = await db
    .selectFrom("shipments")
    .selectAll()
    .where("order_id", "=", order.id)
    .orderBy("cooperative_id")
    .execute();
  return { order, shipments };
}

const orderStatus = async (id: number) =>
  (await db.selectFrom("orders").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;

async function expectDomainError(work: Promise<unknown>, code: string, status: number) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code, status });
}

describe("createShipmentsForOrder", () => {
  it("makes one pending shipment per cooperative when the order is paid", async () => {
    const { shipments } = await paidOrder();
    expect(shipments).toMatchObject([
      {
        cooperative_id: datong,
        status: "pending",
        cold_chain: 1,
        ship_by: hours(48).toISOString(),
        carrier: null,
        tracking_number: null,
      },
      { cooperative_id: huangzhong, status: "pending", cold_chain: 0, ship_by: null },
    ]);
  });

  it("is idempotent, and a repeated payment event adds nothing", async () => {
    const { order } = await paidOrder();
    expect(await createShipmentsForOrder(db, order.id, hours(5))).toBe(0);
    expect(await completeDemoPayment(db, order.id, "succeeded", hours(6))).toBe("duplicate");
    const rows = await db
      .selectFrom("shipments")
      .select("ship_by")
      .where("order_id", "=", order.id)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.ship_by)).toContain(hours(48).toISOString());
  });

  it("creates nothing for an unpaid order", async () => {
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }], { now: t0 });
    expect(
      await db.selectFrom("shipments").select("id").where("order_id", "=", order.id).execute(),
    ).toEqual([]);
  });
});

describe("a manager's shipments", () => {
  it("lists only the cooperative's own parcels, with only its own lines", async () => {
    const { order } = await paidOrder();
    const list = await listCoopShipments(db, datong, { now: hours(1) });
    expect(list.total).toBe(1);
    expect(list.shipments[0]).toMatchObject({
      orderNumber: order.number,
      coldChain: true,
      late: false,
      items: [
        { name: "牦牛腱子", quantity: 1 },
        { name: "青稞米", quantity: 2 },
      ],
    });
    const other = await listCoopShipments(db, huangzhong, { now: hours(1) });
    expect(other.shipments.map((s) => s.items)).toEqual([
      [{ name: "青稞挂面", unit: "1 件", quantity: 3 }],
    ]);
  });

  it("filters by status and finds late cold-chain parcels", async () => {
    await paidOrder();
    expect((await listCoopShipments(db, datong, { status: "late", now: hours(47) })).total).toBe(0);
    const late = await listCoopShipments(db, datong, { status: "late", now: hours(49) });
    expect(late.shipments).toMatchObject([{ late: true }]);
    // ambient parcels are never late
    expect(
      (await listCoopShipments(db, huangzhong, { status: "late", now: hours(200) })).total,
    ).toBe(0);
    expect((await listCoopShipments(db, datong, { status: "shipped" })).total).toBe(0);
    expect((await listCoopShipments(db, datong, { status: "pending" })).total).toBe(1);
    expect((await listCoopShipments(db, datong, { status: "all" })).total).toBe(1);
  });

  it("refuses another cooperative's shipment, or one that does not exist, with the same 403", async () => {
    const { shipments } = await paidOrder();
    const theirs = shipments.find((s) => s.cooperative_id === huangzhong)!;
    await expectDomainError(getCoopShipment(db, datong, theirs.id), "fulfil.errors.forbidden", 403);
    await expectDomainError(getCoopShipment(db, datong, 99999), "fulfil.errors.forbidden", 403);
    await expectDomainError(
      markPacked(db, { coopId: datong, shipmentId: theirs.id }),
      "fulfil.errors.forbidden",
      403,
    );
    await expectDomainError(
      markShipped(db, {
        coopId: datong,
        shipmentId: theirs.id,
        carrier: "sf",
        trackingNumber: "SF1234567890",
      }),
      "fulfil.errors.forbidden",
      403,
    );
    const row = await db
      .selectFrom("shipments")
      .select("status")
      .where("id", "=", theirs.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });

  it("shows the address and only this cooperative's lines in the detail", async () => {
    const { shipments } = await paidOrder();
    const mine = shipments.find((s) => s.cooperative_id === datong)!;
    const detail = await getCoopShipment(db, datong, mine.id, { now: hours(50) });
    expect(detail).toMatchObject({
      contactName: "王小明",
      street: "软件大道 101 号",
      late: true,
      coldChain: true,
    });
    expect(detail.lines.map((l) => l.name)).toEqual(["牦牛腱子", "青稞米"]);
  });
});

describe("packing and shipping", () => {
  it("moves the order forward: one shipped → partially fulfilled, all → fulfilled", async () => {
    const { order, shipments } = await paidOrder();
    const [a, b] = shipments as [(typeof shipments)[0], (typeof shipments)[0]];
    expect(await markPacked(db, { coopId: datong, shipmentId: a.id, now: hours(1) })).toBe(
      "packed",
    );
    expect(await markPacked(db, { coopId: datong, shipmentId: a.id, now: hours(2) })).toBe(
      "unchanged",
    );
    expect(await orderStatus(order.id)).toBe("paid");

    expect(
      await markShipped(db, {
        coopId: datong,
        shipmentId: a.id,
        carrier: "sf",
        trackingNumber: " SF1234567890 ",
        now: hours(3),
        actor: { id: null, name: "经理" },
      }),
    ).toBe("shipped");
    expect(await orderStatus(order.id)).toBe("partially_fulfilled");
    const shippedA = await db
      .selectFrom("shipments")
      .selectAll()
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(shippedA).toMatchObject({
      status: "shipped",
      carrier: "sf",
      tracking_number: "SF1234567890",
      packed_at: hours(1).toISOString(),
      shipped_at: hours(3).toISOString(),
    });
    await expectDomainError(
      markPacked(db, { coopId: datong, shipmentId: a.id }),
      "fulfil.errors.alreadyShipped",
      409,
    );

    // straight from pending to shipped is fine too; packed_at is filled in
    expect(
      await markShipped(db, {
        coopId: huangzhong,
        shipmentId: b.id,
        carrier: "京东冷链",
        trackingNumber: "JDVA-0001",
        now: hours(4),
      }),
    ).toBe("shipped");
    expect(await orderStatus(order.id)).toBe("fulfilled");
    expect(
      (
        await db
          .selectFrom("shipments")
          .select("packed_at")
          .where("id", "=", b.id)
          .executeTakeFirstOrThrow()
      ).packed_at,
    ).toBe(hours(4).toISOString());

    // the same submission again is a no-op; a different number is a recorded correction
    const same = {
      coopId: datong,
      shipmentId: a.id,
      carrier: "sf",
      trackingNumber: "SF1234567890",
    };
    expect(await markShipped(db, same)).toBe("unchanged");
    expect(await markShipped(db, { ...same, trackingNumber: "SF1234567899" })).toBe("corrected");
    expect(await orderStatus(order.id)).toBe("fulfilled");
    const log = await db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "entity_id"])
      .where("entity", "=", "shipment")
      .orderBy("id")
      .execute();
    expect(log.map((e) => e.action)).toEqual([
      "packed",
      "shipped",
      "shipped",
      "tracking_corrected",
    ]);
    expect(log[1]).toMatchObject({ actor_name: "经理", entity_id: a.id });
  });

  it("never moves an order backwards or out of a refund", async () => {
    const { order, shipments } = await paidOrder();
    await db
      .updateTable("orders")
      .set({ status: "partially_refunded" })
      .where("id", "=", order.id)
      .execute();
    for (const s of shipments) {
      await markShipped(db, {
        coopId: s.cooperative_id,
        shipmentId: s.id,
        carrier: "ems",
        trackingNumber: `EMS${s.id}0000`,
      });
    }
    expect(await orderStatus(order.id)).toBe("partially_refunded");

    const second = await paidOrder(hours(10));
    expect((await listCoopShipments(db, datong, { now: hours(11) })).total).toBe(1);
    await db
      .updateTable("orders")
      .set({ status: "refunded" })
      .where("id", "=", second.order.id)
      .execute();
    // a refunded order's parcel is no longer waiting to go out, but stays on record
    expect((await listCoopShipments(db, datong, { now: hours(11) })).total).toBe(0);
    expect((await listCoopShipments(db, datong, { status: "all" })).total).toBe(2);
    await expectDomainError(
      markShipped(db, {
        coopId: datong,
        shipmentId: second.shipments[0]!.id,
        carrier: "sf",
        trackingNumber: "SF00001111",
      }),
      "fulfil.errors.orderClosed",
      409,
    );
  });

  it("rejects a bad tracking number or carrier, naming the field, and changes nothing", async () => {
    const { shipments } = await paidOrder();
    const a = shipments[0]!;
    for (const trackingNumber of ["abc", "SF 123 456", "顺丰123456", "x".repeat(41)]) {
      const error = await markShipped(db, {
        coopId: datong,
        shipmentId: a.id,
        carrier: "sf",
        trackingNumber,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "fulfil.errors.trackingNumber",
        field: "trackingNumber",
      });
    }
    await expectDomainError(
      markShipped(db, { coopId: datong, shipmentId: a.id, carrier: " ", trackingNumber: "SF1234" }),
      "fulfil.errors.carrier",
      400,
    );
    const row = await db
      .selectFrom("shipments")
      .select(["status", "tracking_number"])
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", tracking_number: null });
  });
});

describe("isLate", () => {
  const cold = {
    status: "pending" as const,
    cold_chain: 1 as const,
    ship_by: hours(48).toISOString(),
  };
  it("flags cold-chain parcels still here after their deadline", () => {
    expect(isLate(cold, hours(47.9))).toBe(false);
    expect(isLate(cold, hours(48.1))).toBe(true);
    expect(isLate({ ...cold, status: "packed" }, hours(60))).toBe(true);
    expect(isLate({ ...cold, status: "shipped" }, hours(60))).toBe(false);
    expect(isLate({ ...cold, cold_chain: 0, ship_by: null }, hours(60))).toBe(false);
  });
});

describe("orderShipments", () => {
  it("gives the shopper each cooperative's parcel with status, carrier and tracking number", async () => {
    const { order, shipments } = await paidOrder();
    await markShipped(db, {
      coopId: datong,
      shipmentId: shipments[0]!.id,
      carrier: "sf",
      trackingNumber: "SF1234567890",
      now: hours(2),
    });
    const view = await orderShipments(db, order.id, "zh-CN");
    expect(view).toMatchObject([
      {
        cooperative_name: "大通牦牛合作社",
        status: "shipped",
        carrier: "sf",
        tracking_number: "SF1234567890",
        shipped_at: hours(2).toISOString(),
        cold_chain: true,
        lines: [
          { name: "牦牛腱子", quantity: 1 },
          { name: "青稞米", quantity: 2 },
        ],
      },
      {
        cooperative_name: "湟中鲜奶合作社",
        status: "pending",
        carrier: null,
        tracking_number: null,
        lines: [{ name: "青稞挂面", quantity: 3 }],
      },
    ]);
  });
});
