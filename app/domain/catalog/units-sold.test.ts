import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { demoGateway } from "../payments/demo-gateway.server";
import { requestRefund } from "../orders/refunds.server";
import { unitsSoldShown } from "./product-page.server";
import { isSoldStep, soldBucket, soldBucketSql } from "./units-sold";

describe("soldBucket", () => {
  it("is exact under ten, then the highest step reached", () => {
    const shown = [0, 1, 9, 10, 49, 50, 99, 100, 499, 500, 999, 1000, 25_000].map(soldBucket);
    expect(shown).toEqual([0, 1, 9, 10, 10, 50, 50, 100, 100, 500, 500, 1000, 1000]);
    expect(soldBucket(-3)).toBe(0);
    expect([9, 10, 1000].map(isSoldStep)).toEqual([false, true, true]);
  });
});

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

it("computes the same bucket in SQL as the page does (the trigger's expression)", async () => {
  const values = [0, 3, 9, 10, 11, 49, 50, 51, 99, 100, 101, 499, 500, 999, 1000, 1001, 50_000];
  for (const n of values) {
    const { rows } = await sql<{
      b: number;
    }>`select ${sql.raw(soldBucketSql(String(n)))} as b`.execute(db);
    expect(rows[0]!.b, String(n)).toBe(soldBucket(n));
  }
});

const unitsSold = async (id: number) =>
  (
    await db
      .selectFrom("products")
      .select("units_sold")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).units_sold;

describe("products.units_sold", () => {
  it("counts paid units only, and takes refunded units back", async () => {
    const yak = await createProduct(db, { cooperativeId: coops.datong, stock: 100 });
    const milk = await createProduct(db, { cooperativeId: coops.huangzhong, stock: 100 });
    // placed but never paid: not sold
    await createOrder(db, [{ productId: yak, quantity: 4 }]);
    expect(await unitsSold(yak)).toBe(0);

    const paid = await createPaidOrder(db, [
      { productId: yak, quantity: 3 },
      { productId: milk, quantity: 2 },
    ]);
    await createPaidOrder(db, [{ productId: yak, quantity: 8 }]);
    expect(await unitsSold(yak)).toBe(11);
    expect(await unitsSold(milk)).toBe(2);
    expect(await unitsShownOf(yak)).toBe(10);

    const line = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", paid.id)
      .where("product_id", "=", yak)
      .executeTakeFirstOrThrow();
    await requestRefund(
      db,
      {
        orderId: paid.id,
        selection: { mode: "lines", lines: [{ orderLineId: line.id, quantity: 2 }] },
        restock: false,
        reason: "破损",
        actor: { id: null, name: "管理员" },
      },
      { gatewayFor: () => demoGateway },
    );
    expect(await unitsSold(yak)).toBe(9);
    expect(await unitsSold(milk)).toBe(2);
    // 11 → 9 crosses back under ten: the page shows the exact count again
    expect(await unitsShownOf(yak)).toBe(9);
  });
});

const unitsShownOf = (id: number) => unitsSoldShown(db, id);
