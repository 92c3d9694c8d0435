import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { addressKeyOf } from "~/domain/orders/address-key";
import { integrityFlags } from "./integrity.server";
import { monthPeriod } from "./periods";

let db: DB;
let cleanup: () => Promise<void>;
let product: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: coops.datong, stock: 1000 });
});
afterEach(() => cleanup());

const shanghaiDay = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** aid_split_order_counts as it should be: paid orders grouped in JS from the orders. */
async function recomputed() {
  const orders = await db
    .selectFrom("orders")
    .select(["paid_at", "phone", "province", "city", "district", "street"])
    .where("paid_at", "is not", null)
    .execute();
  const counts = new Map<string, number>();
  for (const o of orders) {
    const day = shanghaiDay(o.paid_at!);
    for (const key of [`${day}|phone|${o.phone}`, `${day}|address|${addressKeyOf(o)}`]) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => `${k}|${n}`).sort();
}

async function stored() {
  const rows = await db.selectFrom("aid_split_order_counts").selectAll().execute();
  return rows.map((r) => `${r.day}|${r.via}|${r.subject}|${r.orders}`).sort();
}

describe("split-order counts", () => {
  it("count every paid order once, by Shanghai day and phone and by address key", async () => {
    const buy = (when: string, phone: string, street: string) =>
      createPaidOrder(db, [{ productId: product, quantity: 1 }], {
        now: new Date(when),
        input: { phone, street },
      });
    await buy("2026-11-10T01:00:00Z", "13700000001", "软件大道 101 号");
    await buy("2026-11-10T15:30:00Z", "13700000001", "软件大道１０１号"); // same Shanghai day
    await buy("2026-11-10T16:30:00Z", "13700000001", "软件大道101号"); // the next one
    await buy("2026-11-09T03:00:00Z", "13700000002", "软件大道 101 号"); // paid out of order
    // placed, never paid: not counted
    await createOrder(db, [{ productId: product, quantity: 1 }], {
      now: new Date("2026-11-10T02:00:00Z"),
      input: { phone: "13700000001", street: "软件大道 101 号" },
    });
    const expected = await recomputed();
    expect(expected).toContain("2026-11-10|phone|13700000001|2");
    expect(await stored()).toEqual(expected);
    const keys = await db.selectFrom("orders").selectAll().execute();
    for (const o of keys) expect(o.address_key).toBe(addressKeyOf(o));
  });

  it("flags from the counts, listing the orders in payment order", async () => {
    const numbers = [];
    for (const hour of [9, 3, 5, 7]) {
      const order = await createPaidOrder(db, [{ productId: product, quantity: 1 }], {
        now: new Date(`2026-11-12T0${hour}:00:00Z`),
        input: { phone: `1370000001${hour}`, street: hour === 3 ? "甲路 1 号" : "甲路1号" },
      });
      numbers.push({ hour, number: order.number });
    }
    const { splitOrders } = await integrityFlags(db, monthPeriod("2026-11"));
    expect(splitOrders.total).toBe(1);
    expect(splitOrders.flags[0]).toMatchObject({
      id: `split-address-2026-11-12-${addressKeyOf({ province: "江苏省", city: "南京市", district: "雨花台区", street: "甲路1号" })}`,
      reason: {
        via: "address",
        day: "2026-11-12",
        count: 4,
        subject: "江苏省南京市雨花台区甲路 1 号",
      },
      moreOrders: 0,
    });
    const inOrder = [...numbers].sort((a, b) => a.hour - b.hour).map((n) => n.number);
    expect(splitOrders.flags[0]!.orders.map((o) => o.number)).toEqual(inOrder);
  });
});
