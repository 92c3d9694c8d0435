import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter } from "#tests/factories/counters";
import { createPickupOrder } from "#tests/factories/pickup";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { findPickupOrders, handOver, readQuery, waitingForPickup } from "./handover.server";

let db: DB;
let cleanup: () => Promise<void>;
let counterA: number;
let counterB: number;
let product: number;
let staff = { id: 0, name: "店员 刘洋" };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, stock: 50 });
  counterA = await createCounter(db);
  counterB = await createCounter(db);
  staff = {
    id: await createUser(db, { role: "counter_staff", name: staff.name, counterId: counterA }),
    name: staff.name,
  };
});
afterEach(async () => cleanup());

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("finding a pickup order", () => {
  it("reads 11 digits as a phone and anything as a code", () => {
    expect(readQuery(" 138 1234 5678 ")).toEqual({ phone: "13812345678", code: "13812345678" });
    expect(readQuery("ab-12")).toEqual({ phone: null, code: "AB12" });
  });

  it("finds by code or phone, only this counter's pickup orders, phone masked", async () => {
    const mine = await createPickupOrder(db, counterA, [{ productId: product, quantity: 2 }], {
      phone: "13900001111",
    });
    await createPickupOrder(db, counterB, [{ productId: product, quantity: 1 }], {
      phone: "13900001111",
    });
    const byCode = await findPickupOrders(db, counterA, mine.code.toLowerCase(), "zh-CN");
    expect(byCode.map((o) => o.number)).toEqual([mine.number]);
    expect(byCode[0]).toMatchObject({ phoneMasked: "139****1111", paid: true, status: "paid" });
    expect(byCode[0]!.lines).toEqual([expect.objectContaining({ quantity: 2 })]);
    const byPhone = await findPickupOrders(db, counterA, "13900001111", "en");
    expect(byPhone.map((o) => o.number)).toEqual([mine.number]);
    expect(await findPickupOrders(db, counterB, mine.code, "zh-CN")).toEqual([]);
  });
});

describe("handing over", () => {
  it("fulfils a paid pickup order once, with who and when, an audit row and a message", async () => {
    const order = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }]);
    const now = new Date("2026-12-01T03:00:00Z");
    await handOver(db, { counterId: counterA, orderId: order.id, staff, now });
    const row = await db
      .selectFrom("orders")
      .select(["status", "collected_at", "collected_by_name"])
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "fulfilled",
      collected_at: now.toISOString(),
      collected_by_name: staff.name,
    });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_name"])
      .where("entity", "=", "order")
      .where("entity_id", "=", order.id)
      .execute();
    expect(audit).toEqual([{ action: "counter.handover", actor_name: staff.name }]);
    const sms = await db
      .selectFrom("outbox")
      .select("body")
      .where("channel", "=", "sms")
      .where("subject", "like", "%已取货%")
      .execute();
    expect(sms).toHaveLength(1);

    const twice = await refusal(handOver(db, { counterId: counterA, orderId: order.id, staff }));
    expect(twice.code).toBe("counterDesk.errors.alreadyCollected");
    expect(twice.status).toBe(409);
  });

  it("refuses an unpaid order, a refunded one and another counter's", async () => {
    const unpaid = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }], {
      paid: false,
    });
    expect(
      (await refusal(handOver(db, { counterId: counterA, orderId: unpaid.id, staff }))).code,
    ).toBe("counterDesk.errors.unpaid");
    const refunded = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }]);
    await db
      .updateTable("orders")
      .set({ status: "refunded" })
      .where("id", "=", refunded.id)
      .execute();
    expect(
      (await refusal(handOver(db, { counterId: counterA, orderId: refunded.id, staff }))).code,
    ).toBe("counterDesk.errors.notCollectable");
    const theirs = await createPickupOrder(db, counterB, [{ productId: product, quantity: 1 }]);
    const other = await refusal(handOver(db, { counterId: counterA, orderId: theirs.id, staff }));
    expect(other.code).toBe("counterDesk.errors.orderNotFound");
    expect(other.status).toBe(404);
    const untouched = await db
      .selectFrom("orders")
      .select(["status", "collected_at"])
      .where("id", "=", theirs.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: "paid", collected_at: null });
  });
});

describe("waiting for pickup", () => {
  it("lists this counter's paid, uncollected orders oldest first with days waiting", async () => {
    const old = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }], {
      now: new Date("2026-11-20T02:00:00Z"),
    });
    const recent = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }], {
      now: new Date("2026-11-30T02:00:00Z"),
    });
    const collected = await createPickupOrder(db, counterA, [{ productId: product, quantity: 1 }]);
    await handOver(db, { counterId: counterA, orderId: collected.id, staff });
    await createPickupOrder(db, counterB, [{ productId: product, quantity: 1 }]);
    const waiting = await waitingForPickup(db, counterA, new Date("2026-12-01T03:00:00Z"));
    expect(waiting.map((w) => [w.number, w.daysWaiting])).toEqual([
      [old.number, 11],
      [recent.number, 1],
    ]);
  });
});
