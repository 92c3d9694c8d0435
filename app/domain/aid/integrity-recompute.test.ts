// The integrity rules read day counts and indexes (quantity-flags.server.ts, integrity.server.ts);
// here they are checked against a plain recomputation of each rule from the orders themselves,
// on generated sales through the store's own checkout and payment, with the edges that
// matter: the year of history starting exactly at the period's end minus 365 days, medians
// on an even count (halves) and on just 4 or 5 lines, both buckets of one product, 130% to
// the fen, a reference price changed after the sale, managers by account and by phone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import type { CheckoutInput } from "~/domain/checkout/checkout-input";
import {
  integrityFlags,
  LARGE_QUANTITY,
  MEDIAN_MIN_LINES,
  MEDIAN_MULTIPLE,
  type Flag,
} from "./integrity.server";
import { customPeriod, monthPeriod, periodInstants, type Period } from "./periods";

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LineRow {
  id: number;
  product_id: number;
  product: string;
  quantity: number;
  unit_price_fen: number;
  line_total_fen: number;
  reference_price_fen: number | null;
  number: string;
  paid_at: string;
  buyer_type: string;
}

async function paidLines(): Promise<LineRow[]> {
  return db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("products as p", "p.id", "l.product_id")
    .select([
      "l.id",
      "l.product_id",
      "l.product_name_zh as product",
      "l.quantity",
      "l.unit_price_fen",
      "l.line_total_fen",
      "p.reference_price_fen",
      "o.number",
      "o.buyer_type",
    ])
    .select((eb) => eb.ref("o.paid_at").$castTo<string>().as("paid_at"))
    .where("o.paid_at", "is not", null)
    .execute();
}

const brief = (f: Flag) => ({ id: f.id, reason: f.reason, orders: f.orders });

/** The price and quantity rules, straight from their definitions. */
function recompute(lines: LineRow[], period: Pick<Period, "start" | "end">) {
  const { start, end } = periodInstants(period);
  const historyStart = new Date(Date.parse(end) - 365 * 86_400_000).toISOString();
  const bucketOf = (l: LineRow) =>
    l.buyer_type === "individual" ? "assisted_sales" : "procurement";
  const inPeriod = lines.filter((l) => l.paid_at >= start && l.paid_at < end);
  const price = inPeriod
    .filter((l) => l.reference_price_fen && l.unit_price_fen * 100 > l.reference_price_fen * 130)
    .sort((a, b) => b.paid_at.localeCompare(a.paid_at) || a.id - b.id);
  const history = new Map<string, number[]>();
  for (const l of lines) {
    if (l.paid_at < historyStart || l.paid_at >= end) continue;
    const key = `${l.product_id}|${bucketOf(l)}`;
    history.set(key, [...(history.get(key) ?? []), l.quantity]);
  }
  const medianOf = (qs: number[]) => {
    const s = [...qs].sort((a, b) => a - b);
    return (s[Math.floor((s.length - 1) / 2)]! + s[Math.floor(s.length / 2)]!) / 2;
  };
  const quantity = inPeriod
    .map((l) => {
      const qs = history.get(`${l.product_id}|${bucketOf(l)}`) ?? [];
      const median = qs.length >= MEDIAN_MIN_LINES ? medianOf(qs) : null;
      const large = median === null ? LARGE_QUANTITY : MEDIAN_MULTIPLE * median;
      return { l, median, flagged: l.quantity >= large };
    })
    .filter((x) => x.flagged)
    .sort(
      (a, b) =>
        b.l.quantity - a.l.quantity || b.l.paid_at.localeCompare(a.l.paid_at) || a.l.id - b.l.id,
    )
    .map(({ l, median }) => ({
      id: `quantity-${l.id}`,
      reason: {
        rule: "quantity",
        product: l.product,
        quantity: l.quantity,
        bucket: bucketOf(l),
        median,
      },
      orders: [{ number: l.number, at: l.paid_at, amountFen: l.line_total_fen }],
    }));
  return { price: price.map((l) => `price-${l.id}`), quantity };
}

describe("integrity flags against a recomputation", () => {
  it("are the flags the rules define, period by period", async () => {
    const coops = await createBasicCatalog(db);
    const rand = random(11);
    const products = [
      await createProduct(db, {
        cooperativeId: coops.datong,
        stock: 1e6,
        priceFen: 13001,
        referencePriceFen: 10000,
      }),
      await createProduct(db, {
        cooperativeId: coops.datong,
        stock: 1e6,
        priceFen: 13000,
        referencePriceFen: 10000,
      }),
      await createProduct(db, { cooperativeId: coops.huangzhong, stock: 1e6, priceFen: 2000 }),
      await createProduct(db, {
        cooperativeId: coops.huangzhong,
        stock: 1e6,
        priceFen: 5000,
        referencePriceFen: 4000,
      }),
    ];
    const manager = await createUser(db, {
      role: "coop_manager",
      name: "大通 马经理",
      phone: "13900000001",
      cooperativeIds: [coops.datong],
    });
    const canteen: Partial<CheckoutInput> = {
      buyerType: "gov_unit",
      orgName: "某局机关食堂",
      fundingSource: "canteen",
    };
    let serial = 0;
    const buy = async (productId: number, quantity: number, when: Date, procurement = false) => {
      serial++;
      const input: Partial<CheckoutInput> = {
        phone: `137${String(serial).padStart(8, "0")}`,
        street: `中山路 ${serial} 号`,
        ...(procurement ? canteen : {}),
      };
      await createPaidOrder(db, [{ productId, quantity }], { now: when, input });
    };
    // November 2026's year of history starts at 2025-11-30T16:00Z (1 December in Shanghai)
    const from = Date.parse("2025-11-20T00:00:00Z");
    const to = Date.parse("2026-11-30T15:59:00Z");
    const sizes = [1, 1, 1, 2, 2, 3, 10, 15, 49, 50, 60];
    for (let i = 0; i < 160; i++) {
      const procurement = rand() < 0.35;
      const usual = procurement
        ? 3 + Math.floor(rand() * 10)
        : sizes[Math.floor(rand() * sizes.length)]!;
      // now and then a canteen orders far more than usual (a line holds 99 at most)
      const q = procurement && rand() < 0.1 ? 90 + Math.floor(rand() * 10) : usual;
      const when = new Date(from + Math.floor(rand() * (to - from)));
      await buy(products[Math.floor(rand() * 3)]!, q, when, procurement);
    }
    // the history's first instant counts, the one before it does not: with it, 5 lines and
    // a median of 2, so 20 is large; without it, too few lines; with the one before, 8.5
    await buy(products[3]!, 1, new Date("2025-11-30T16:00:00.000Z"));
    await buy(products[3]!, 30, new Date("2025-11-30T15:59:59.999Z"));
    for (let i = 0; i < 2; i++) await buy(products[3]!, 2, new Date(`2026-11-0${i + 1}T02:00:00Z`));
    await buy(products[3]!, 15, new Date("2026-11-20T02:00:00Z"));
    const twenty = await createPaidOrder(db, [{ productId: products[3]!, quantity: 20 }], {
      now: new Date("2026-11-21T02:00:00Z"),
      input: { phone: "13700009999", street: "边界路 1 号" },
    });
    // a manager's own orders, by account and by phone
    await createPaidOrder(db, [{ productId: products[0]!, quantity: 2 }], {
      now: new Date("2026-11-05T02:00:00Z"),
      userId: manager,
    });
    await createPaidOrder(db, [{ productId: products[1]!, quantity: 1 }], {
      now: new Date("2026-11-06T02:00:00Z"),
      input: { phone: "13900000001", street: "某路 1 号" },
    });
    // a reference price lowered after the sale: the rule reads today's
    await db
      .updateTable("products")
      .set({ reference_price_fen: 3800 })
      .where("id", "=", products[3]!)
      .execute();

    const lines = await paidLines();
    const periods = [
      monthPeriod("2026-11"),
      monthPeriod("2026-06"),
      customPeriod("2025-11-01", "2026-11-30"),
      customPeriod("2026-11-20", "2026-11-20"),
    ];
    let flagged = 0;
    for (const period of periods) {
      const report = await integrityFlags(db, period, { limit: 10_000 });
      const expected = recompute(lines, period);
      expect(
        report.price.flags.map((f) => f.id),
        period.start,
      ).toEqual(expected.price);
      expect(report.price.total).toBe(expected.price.length);
      expect(report.quantity.flags.map(brief), period.start).toEqual(expected.quantity);
      expect(report.quantity.total).toBe(expected.quantity.length);
      flagged += expected.quantity.length + expected.price.length;
      const few = await integrityFlags(db, period, { limit: 3 });
      expect(few.quantity.flags.map(brief)).toEqual(expected.quantity.slice(0, 3));
    }
    expect(flagged).toBeGreaterThan(20);
    const november = await integrityFlags(db, monthPeriod("2026-11"));
    expect(november.selfPurchase.flags.map((f) => f.reason)).toEqual([
      expect.objectContaining({ manager: "大通 马经理", via: "phone" }),
      expect.objectContaining({ manager: "大通 马经理", via: "account" }),
    ]);
    // 5 lines of history from the boundary on: a median of 2, and 20 is large
    expect(
      november.quantity.flags.find((f) => f.orders[0]!.number === twenty.number)?.reason,
    ).toMatchObject({ quantity: 20, median: 2 });
  }, 60_000);
});
