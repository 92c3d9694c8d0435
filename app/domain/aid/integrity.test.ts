import { CompiledQuery } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import type { CheckoutInput } from "~/domain/checkout/checkout-input";
import {
  INTEGRITY_RULES,
  integrityFlags,
  integrityQueries,
  normalizeAddress,
} from "./integrity.server";
import { appendLedger } from "./ledger.server";
import { monthPeriod } from "./periods";
import { onPostgresSuite } from "#tests/pg";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const november = monthPeriod("2026-11");
const at = (day: number, hour = 2) =>
  new Date(`2026-11-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`);

let serial = 0;
/** A buyer nobody else shares: own phone, own address. */
function someone(overrides: Partial<CheckoutInput> = {}): Partial<CheckoutInput> {
  serial++;
  return {
    phone: `137${String(serial).padStart(8, "0")}`,
    street: `中山路 ${serial} 号`,
    ...overrides,
  };
}

async function buy(
  productId: number,
  quantity: number,
  when: Date,
  options: { input?: Partial<CheckoutInput>; userId?: number | null } = {},
) {
  return createPaidOrder(db, [{ productId, quantity }], {
    now: when,
    input: options.input ?? someone(),
    userId: options.userId ?? null,
  });
}

describe("integrity flags", () => {
  it("flags prices above 130% of the reference price", async () => {
    const dear = await createProduct(db, {
      cooperativeId: coops.datong,
      priceFen: 14000,
      referencePriceFen: 10000,
      nameZh: "牦牛腱子",
    });
    const fair = await createProduct(db, {
      cooperativeId: coops.datong,
      priceFen: 13000,
      referencePriceFen: 10000,
    });
    const unknown = await createProduct(db, { cooperativeId: coops.datong, priceFen: 99900 });
    const order = await buy(dear, 2, at(3));
    await buy(fair, 1, at(3));
    await buy(unknown, 1, at(3));
    await buy(dear, 1, new Date("2026-10-20T02:00:00Z")); // another month
    const { price } = await integrityFlags(db, november);
    expect(price.total).toBe(1);
    expect(price.flags).toEqual([
      {
        id: expect.stringMatching(/^price-/),
        reason: {
          rule: "price",
          product: "牦牛腱子",
          unitPriceFen: 14000,
          referencePriceFen: 10000,
          percent: 140,
        },
        orders: [{ number: order.number, at: at(3).toISOString(), amountFen: 28000 }],
        moreOrders: 0,
      },
    ]);
  });

  it("flags 10 times the product's usual line for that kind of buyer, or 50 units without history", async () => {
    const rice = await createProduct(db, {
      cooperativeId: coops.datong,
      stock: 5000,
      nameZh: "青稞米",
    });
    const rug = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      stock: 1000,
      nameZh: "加牙藏毯",
    });
    const canteen = {
      buyerType: "gov_unit" as const,
      orgName: "南京市某局机关食堂",
      fundingSource: "canteen" as const,
    };
    // too little history: 50 units is large, 49 is not
    const bulk = await buy(rice, 50, at(4));
    await buy(rice, 49, at(4));
    // individuals buy one rug at a time; ten at once is not usual
    for (let i = 0; i < 5; i++) await buy(rug, 1, at(5 + i));
    const many = await buy(rug, 10, at(12));
    await buy(rug, 9, at(12));
    // canteens buy rice by the sack: 60 against a usual 9 is fine, 95 is not
    for (let i = 0; i < 5; i++) await buy(rice, 9, at(13 + i), { input: someone(canteen) });
    await buy(rice, 60, at(19), { input: someone(canteen) });
    const sacks = await buy(rice, 95, at(20), { input: someone(canteen) });
    const { quantity } = await integrityFlags(db, november);
    expect(quantity.flags.map((f) => [f.orders[0]!.number, f.reason])).toEqual([
      [
        sacks.number,
        { rule: "quantity", product: "青稞米", quantity: 95, bucket: "procurement", median: 9 },
      ],
      [
        bulk.number,
        {
          rule: "quantity",
          product: "青稞米",
          quantity: 50,
          bucket: "assisted_sales",
          median: null,
        },
      ],
      [
        many.number,
        {
          rule: "quantity",
          product: "加牙藏毯",
          quantity: 10,
          bucket: "assisted_sales",
          median: 1,
        },
      ],
    ]);
    expect(quantity.total).toBe(3);
  });

  it("flags purchases by a manager of the selling cooperative, or with a manager's phone", async () => {
    const yak = await createProduct(db, { cooperativeId: coops.datong, nameZh: "牦牛肉干" });
    const milk = await createProduct(db, { cooperativeId: coops.huangzhong });
    const manager = await createUser(db, {
      role: "coop_manager",
      name: "大通 马经理",
      phone: "13900000001",
      cooperativeIds: [coops.datong],
    });
    const other = await createUser(db, {
      role: "coop_manager",
      name: "湟中 李经理",
      phone: "13900000002",
      cooperativeIds: [coops.huangzhong],
    });
    const own = await buy(yak, 3, at(6), { userId: manager });
    const viaPhone = await buy(yak, 1, at(7), { input: someone({ phone: "13900000001" }) });
    await buy(yak, 1, at(8), { userId: other }); // another cooperative's manager: fine
    await buy(milk, 1, at(8), { userId: manager }); // buying from another cooperative: fine
    const { selfPurchase } = await integrityFlags(db, november);
    expect(selfPurchase.total).toBe(2);
    expect(selfPurchase.flags.map((f) => [f.orders[0]!.number, f.reason])).toEqual([
      [
        viaPhone.number,
        {
          rule: "selfPurchase",
          cooperative: "大通牦牛合作社",
          manager: "大通 马经理",
          via: "phone",
        },
      ],
      [
        own.number,
        {
          rule: "selfPurchase",
          cooperative: "大通牦牛合作社",
          manager: "大通 马经理",
          via: "account",
        },
      ],
    ]);
    expect(selfPurchase.flags[1]!.orders[0]!.amountFen).toBe(3 * 3900);
  });

  it("flags three orders from one phone or one address on one Shanghai day", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, stock: 1000 });
    const phone = someone();
    const samePhone = [
      await buy(p, 1, at(10, 1), { input: { ...phone, street: "甲路 1 号" } }),
      await buy(p, 1, at(10, 5), { input: { ...phone, street: "乙路 2 号" } }),
      // 10 November 23:30 in Shanghai, still the same day
      await buy(p, 1, new Date("2026-11-10T15:30:00Z"), {
        input: { ...phone, street: "丙路 3 号" },
      }),
    ];
    // the next Shanghai day does not add to it
    await buy(p, 1, new Date("2026-11-10T16:30:00Z"), { input: phone });
    // one address written three ways, three phones
    const sameAddress = [
      await buy(p, 1, at(12), { input: someone({ street: "软件大道 101 号" }) }),
      await buy(p, 1, at(12), { input: someone({ street: "软件大道101号" }) }),
      await buy(p, 1, at(12), { input: someone({ street: "软件大道１０１号" }) }),
    ];
    // two orders from one phone is not a pattern
    const pair = someone();
    await buy(p, 1, at(14), { input: pair });
    await buy(p, 1, at(14), { input: pair });

    const { splitOrders } = await integrityFlags(db, november);
    expect(splitOrders.total).toBe(2);
    const byVia = Object.fromEntries(
      splitOrders.flags.map((f) => [(f.reason as { via: string }).via, f]),
    );
    expect(byVia.phone!.reason).toEqual({
      rule: "splitOrders",
      via: "phone",
      subject: `${phone.phone!.slice(0, 3)}****${phone.phone!.slice(7)}`,
      day: "2026-11-10",
      count: 3,
    });
    expect(byVia.phone!.orders.map((o) => o.number)).toEqual(samePhone.map((o) => o.number));
    expect(byVia.address!.reason).toMatchObject({ via: "address", day: "2026-11-12", count: 3 });
    expect(byVia.address!.orders.map((o) => o.number).sort()).toEqual(
      sameAddress.map((o) => o.number).sort(),
    );
    expect(normalizeAddress("江苏省南京市雨花台区软件大道１０１号")).toBe(
      normalizeAddress("江苏省 南京市 雨花台区 软件大道 101 号"),
    );
  });

  it("flags refunds of sales in a month already reported", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, priceFen: 5000 });
    const october = await buy(p, 2, new Date("2026-10-15T02:00:00Z"));
    const novemberSale = await buy(p, 1, at(2));
    await db
      .insertInto("reported_periods")
      .values({
        month: "2026-10",
        reported_by_name: "帮扶办 陈立",
        reported_at: "2026-11-03T01:00:00.000Z",
      })
      .execute();
    const refund = async (orderId: number, when: Date, amount: number) => {
      const sale = await db
        .selectFrom("aid_ledger")
        .selectAll()
        .where("order_id", "=", orderId)
        .where("entry_type", "=", "sale")
        .executeTakeFirstOrThrow();
      const { id: _i, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
      await db.transaction().execute((trx) =>
        appendLedger(
          trx,
          [
            {
              ...copy,
              entry_type: "refund",
              amount_fen: -amount,
              quantity: -1,
              occurred_at: when.toISOString(),
            },
          ],
          when,
        ),
      );
    };
    await refund(october.id, at(20), 5000); // October was reported: flagged
    await refund(novemberSale.id, at(21), 5000); // November is open: not flagged
    const { reportedRefund } = await integrityFlags(db, november);
    expect(reportedRefund.total).toBe(1);
    expect(reportedRefund.flags[0]).toMatchObject({
      reason: {
        rule: "reportedRefund",
        saleMonth: "2026-10",
        reportedBy: "帮扶办 陈立",
        reportedAt: "2026-11-03T01:00:00.000Z",
        refundDay: "2026-11-20",
      },
      orders: [{ number: october.number, amountFen: -5000 }],
    });
    // the refund belongs to November; October shows nothing
    const inOctober = await integrityFlags(db, monthPeriod("2026-10"));
    expect(inOctober.reportedRefund.total).toBe(0);
  });

  it("lists at most `limit` flags per rule, with the full count", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, stock: 1000 });
    for (let i = 0; i < 4; i++) await buy(p, 60, at(3 + i));
    const { quantity } = await integrityFlags(db, november, { limit: 2 });
    expect(quantity.total).toBe(4);
    expect(quantity.flags).toHaveLength(2);
  });

  // SQLite's query planner (PostgreSQL plans by its own statistics)
  it.skipIf(onPostgresSuite)(
    "finds its rows through indexes, never by reading a whole table",
    async () => {
      const queries = integrityQueries(db, november);
      // cooperative_managers (cm) may be read whole: a row per manager, where the self-purchase
      // rule starts
      const tables = /\b(?:SCAN) (o|l|a|r|s|p|u|b|co|rp|h|orders|order_lines|aid_ledger)\b/;
      for (const rule of INTEGRITY_RULES) {
        for (const query of queries[rule]) {
          const plan = await db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
          );
          const details = plan.rows.map((r) => r.detail);
          expect(details.join("\n"), rule).not.toMatch(tables);
          expect(details.join("\n"), rule).toMatch(
            /USING (INDEX|INTEGER PRIMARY KEY|COVERING INDEX)/,
          );
          // nor an index built on the fly over one (over a CTE of a few rows, as for the
          // medians, it is fine)
          expect(details.join("\n"), rule).not.toMatch(
            /\bSEARCH (o|l|a|r|s|p|u|b|co|rp|h) USING AUTOMATIC\b/,
          );
        }
      }
    },
  );

  // SQLite's query planner (PostgreSQL plans by its own statistics)
  it.skipIf(onPostgresSuite)(
    "starts from the managers, the priced products and the day counts, not the period's orders",
    async () => {
      const queries = integrityQueries(db, november);
      const planOf = async (rule: "price" | "quantity" | "selfPurchase") => {
        const query = queries[rule][0]!;
        const plan = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        return plan.rows.map((r) => r.detail).join("\n");
      };
      for (const rule of ["price", "quantity", "selfPurchase"] as const) {
        expect(await planOf(rule), rule).not.toMatch(/orders_paid_at/);
      }
      expect(await planOf("price")).toMatch(/order_lines_product_price/);
      expect(await planOf("quantity")).toMatch(/order_lines_product_quantity/);
      expect(await planOf("selfPurchase")).toMatch(/orders_user/);
    },
  );
});
