import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { appendLedger, recordSale, splitByShares } from "./ledger.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const entries = () => db.selectFrom("aid_ledger").selectAll().orderBy("id").execute();

describe("the aid ledger", () => {
  it("writes one entry per paid line, in the payment's transaction, frozen with the sale", async () => {
    const yak = await createProduct(db, {
      cooperativeId: coops.datong,
      priceFen: 12800,
      category: "meat",
    });
    const craft = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      priceFen: 6800,
      category: "handicraft",
      certifications: [],
    });
    const paidAt = new Date("2026-11-30T17:00:00Z"); // 1 December in Shanghai
    const order = await createPaidOrder(
      db,
      [
        { productId: yak, quantity: 2 },
        { productId: craft, quantity: 1 },
      ],
      {
        now: paidAt,
        input: { buyerType: "union", orgName: "南京市总工会", fundingSource: "union_funds" },
      },
    );
    const rows = await entries();
    expect(rows).toMatchObject([
      {
        entry_type: "sale",
        order_id: order.id,
        amount_fen: 25600,
        quantity: 2,
        county_code: "datong",
        paired_district_zh: "雨花台区",
        bucket: "procurement",
        buyer_type: "union",
        funding_source: "union_funds",
        eligible: 1,
        day: "2026-12-01",
        month: "2026-12",
        category_group: "agri",
      },
      { amount_fen: 6800, county_code: "huangzhong", eligible: 0, category_group: "handicraft" },
    ]);
    expect(rows[0]?.buyer_key).toBe("phone:13812345678");
    // a second call (a duplicate event that slipped through) writes nothing
    await db.transaction().execute((trx) => recordSale(trx, order.id));
    expect(await entries()).toHaveLength(2);
    const rollup = await db
      .selectFrom("aid_rollup_daily")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("s"))
      .executeTakeFirstOrThrow();
    expect(Number(rollup.s)).toBe(25600 + 6800);
  });

  it("refuses to change or delete an entry", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong });
    await createPaidOrder(db, [{ productId: p, quantity: 1 }]);
    await expect(sql`update aid_ledger set amount_fen = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from aid_ledger`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("credits a bundle's components to their own counties and cooperatives", async () => {
    const a = await createProduct(db, { cooperativeId: coops.datong });
    const b = await createProduct(db, { cooperativeId: coops.huangzhong });
    const box = await createProduct(db, {
      cooperativeId: coops.datong,
      category: "grain",
      priceFen: 10001,
    });
    await db
      .insertInto("product_components")
      .values([
        { bundle_product_id: box, component_product_id: a, quantity: 1, share_bp: 6000 },
        { bundle_product_id: box, component_product_id: b, quantity: 2, share_bp: 4000 },
      ])
      .execute();
    await createPaidOrder(db, [{ productId: box, quantity: 1 }]);
    const rows = await entries();
    expect(rows.map((r) => [r.product_id, r.cooperative_id, r.quantity, r.amount_fen])).toEqual([
      [a, coops.datong, 1, 6000],
      [b, coops.huangzhong, 2, 4001],
    ]);
  });

  it("puts entries dated in a reported month into the current one", async () => {
    await db
      .insertInto("reported_periods")
      .values({ month: "2026-10", reported_by_name: "陈立", reported_at: "2026-11-02T00:00:00Z" })
      .execute();
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const order = await createPaidOrder(db, [{ productId: p, quantity: 1 }], {
      now: new Date("2026-09-20T02:00:00Z"),
    });
    const [sale] = await entries();
    expect(sale?.month).toBe("2026-09");
    // an entry that would be dated in October, written on 15 November
    const { id: _id, day: _d, month: _m, recorded_at: _r, ...copy } = sale!;
    const written = await db.transaction().execute((trx) =>
      appendLedger(
        trx,
        [
          {
            ...copy,
            entry_type: "refund",
            amount_fen: -sale!.amount_fen,
            occurred_at: "2026-10-31T03:00:00.000Z",
          },
        ],
        new Date("2026-11-15T04:00:00Z"),
      ),
    );
    expect(written[0]).toMatchObject({ month: "2026-11", day: "2026-11-15", order_id: order.id });
  });

  it("splits amounts exactly", () => {
    expect(splitByShares(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(splitByShares(1, [5000, 5000])).toEqual([0, 1]);
    expect(splitByShares(9999, [10000])).toEqual([9999]);
  });
});
