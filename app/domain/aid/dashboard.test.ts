import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createCounty, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { aidDashboard } from "./dashboard.server";
import { breakdown } from "./dashboard/breakdowns.server";
import { listEntries } from "./dashboard/entries.server";
import { parseEntryFilters } from "./dashboard/entry-filters.server";
import {
  listReportedPeriods,
  markPeriodReported,
  reportableMonths,
} from "./dashboard/reported-periods.server";
import { setTarget, targetProgress } from "./dashboard/targets.server";
import { aidTotals } from "./dashboard/totals.server";
import { DIMENSIONS } from "./dimensions";
import { formatWan } from "~/utils/money";
import { appendLedger } from "./ledger.server";
import { customPeriod, monthPeriod, quarterPeriod, yearPeriod } from "./periods";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
let yak: number; // Datong, eligible, 128 元
let milk: number; // Huangzhong, eligible, 15 元
let craft: number; // Huangzhong, not certified: sold, never counted
const officer = { id: null, name: "帮扶办 陈立" };

const UNION = {
  buyerType: "union",
  orgName: "南京市总工会",
  fundingSource: "union_funds",
} as const;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  await db
    .updateTable("cooperatives")
    .set({ farmers_reached: 120 })
    .where("id", "=", coops.datong)
    .execute();
  await db
    .updateTable("cooperatives")
    .set({ farmers_reached: 300 })
    .where("id", "=", coops.huangzhong)
    .execute();
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, category: "meat" });
  milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1500,
    category: "dairy",
  });
  craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
  });
});
afterEach(() => cleanup());

/** A union buys yak in March; a person buys milk and an uncertified craft in March and April. */
async function sales() {
  const union = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
    now: new Date("2026-03-10T02:00:00Z"),
    input: { ...UNION, phone: "13900000001" },
  });
  const person = await createPaidOrder(
    db,
    [
      { productId: milk, quantity: 4 },
      { productId: craft, quantity: 1 },
    ],
    { now: new Date("2026-03-31T17:00:00Z"), input: { phone: "13900000002" } }, // 1 April in Shanghai
  );
  const again = await createPaidOrder(db, [{ productId: milk, quantity: 2 }], {
    now: new Date("2026-03-20T04:00:00Z"),
    input: { phone: "13900000002" },
  });
  return { union, person, again };
}

/** A refund entry reversing part of a line, dated when it happens. */
async function refund(orderId: number, productId: number, amountFen: number, at: string) {
  const sale = await db
    .selectFrom("aid_ledger")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("product_id", "=", productId)
    .where("entry_type", "=", "sale")
    .executeTakeFirstOrThrow();
  const { id: _id, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
  await db
    .transaction()
    .execute((trx) =>
      appendLedger(
        trx,
        [{ ...copy, entry_type: "refund", amount_fen: -amountFen, quantity: -1, occurred_at: at }],
        new Date(at),
      ),
    );
}

describe("the aid dashboard", () => {
  it("adds up eligible aid, keeps the rest apart, and counts orders, buyers and cooperatives", async () => {
    await sales();
    const march = await aidTotals(db, monthPeriod("2026-03"));
    expect(march).toEqual({
      aidFen: 25600 + 3000,
      otherFen: 0,
      aidQuantity: 4,
      aidEntries: 2,
      otherEntries: 0,
      orders: 2,
      otherOrders: 0,
      buyers: 2,
      cooperatives: 2,
      farmersReached: 420,
    });
    const april = await aidTotals(db, monthPeriod("2026-04"));
    expect(april).toMatchObject({
      aidFen: 6000,
      otherFen: 6800,
      orders: 1,
      otherOrders: 1,
      buyers: 1,
      cooperatives: 1,
      farmersReached: 300,
    });
    // the same person in March and April is one buyer of the quarter and of the year
    for (const period of [quarterPeriod(2026, 1), yearPeriod(2026)]) {
      expect(await aidTotals(db, period)).toMatchObject({ buyers: 2 });
    }
    expect(await aidTotals(db, quarterPeriod(2026, 2))).toMatchObject({ aidFen: 6000, buyers: 1 });
    expect(await aidTotals(db, yearPeriod(2026))).toMatchObject({
      aidFen: 34600,
      otherFen: 6800,
      orders: 3,
      otherOrders: 1,
      buyers: 2,
      cooperatives: 2,
    });
  });

  it("breaks down by county and district, bucket, buyer type, funding, group, cooperative, product and month", async () => {
    await sales();
    const year = yearPeriod(2026);
    const by = async (d: (typeof DIMENSIONS)[number]) =>
      (await breakdown(db, year, d)).map((r) => [r.value, r.aidFen, r.otherFen]);
    expect(await by("county")).toEqual([
      ["datong", 25600, 0],
      ["huangzhong", 9000, 6800],
    ]);
    const counties = await breakdown(db, year, "county");
    expect(counties.map((c) => [c.name, c.detail])).toEqual([
      ["大通县", "雨花台区"],
      ["湟中区", "栖霞区"],
    ]);
    expect(await by("bucket")).toEqual([
      ["procurement", 25600, 0],
      ["assisted_sales", 9000, 6800],
    ]);
    expect(await by("buyer_type")).toEqual([
      ["union", 25600, 0],
      ["individual", 9000, 6800],
    ]);
    expect(await by("funding_source")).toEqual([
      ["union_funds", 25600, 0],
      ["none", 9000, 6800],
    ]);
    expect(await by("category_group")).toEqual([
      ["agri", 34600, 0],
      ["handicraft", 0, 6800],
    ]);
    expect(await by("cooperative")).toEqual([
      [String(coops.datong), 25600, 0],
      [String(coops.huangzhong), 9000, 6800],
    ]);
    expect(await by("product")).toEqual([
      [String(yak), 25600, 0],
      [String(milk), 9000, 0],
      [String(craft), 0, 6800],
    ]);
    expect(await by("month")).toEqual([
      ["2026-03", 28600, 0],
      ["2026-04", 6000, 6800],
    ]);
    const en = await breakdown(db, year, "cooperative", "en");
    expect(en[0]?.detail).toBe("Datong County");
  });

  it("takes a refund off the month it happens in, not the month of the sale", async () => {
    const { union } = await sales();
    await refund(union.id, yak, 12800, "2026-04-02T03:00:00Z");
    expect((await aidTotals(db, monthPeriod("2026-03"))).aidFen).toBe(28600);
    const april = await aidTotals(db, monthPeriod("2026-04"));
    expect(april.aidFen).toBe(6000 - 12800);
    // a refund is not an order, a buyer or a cooperative reached
    expect(april).toMatchObject({ orders: 1, buyers: 1, cooperatives: 1 });
    expect((await aidTotals(db, yearPeriod(2026))).aidFen).toBe(34600 - 12800);
    const datongApril = (await breakdown(db, monthPeriod("2026-04"), "county")).find(
      (r) => r.value === "datong",
    );
    expect(datongApril?.aidFen).toBe(-12800);
  });

  it("gives custom ranges the same figures as the ledger, whole months or not", async () => {
    const { union } = await sales();
    await refund(union.id, yak, 5000, "2026-04-02T03:00:00Z");
    const ranges = [
      customPeriod("2026-03-15", "2026-04-01"),
      customPeriod("2026-03-01", "2026-04-30"),
      customPeriod("2026-02-20", "2026-04-01"),
      customPeriod("2026-03-21", "2026-03-31"),
      customPeriod("2026-03-10", "2026-03-10"),
    ];
    for (const period of ranges) {
      const exact = await db
        .selectFrom("aid_ledger")
        .select([
          sql<number>`coalesce(sum(case when eligible = 1 then amount_fen end), 0)`.as("aid"),
          sql<number>`coalesce(sum(case when eligible = 0 then amount_fen end), 0)`.as("other"),
          sql<number>`count(distinct case when eligible = 1 and entry_type = 'sale' then buyer_key end)`.as(
            "buyers",
          ),
          sql<number>`count(distinct case when eligible = 1 and entry_type = 'sale' then order_id end)`.as(
            "orders",
          ),
        ])
        .where("day", ">=", period.start)
        .where("day", "<=", period.end)
        .executeTakeFirstOrThrow();
      const totals = await aidTotals(db, period);
      expect(
        {
          aid: totals.aidFen,
          other: totals.otherFen,
          buyers: totals.buyers,
          orders: totals.orders,
        },
        period.label,
      ).toEqual(exact);
      const byCounty = await breakdown(db, period, "county");
      expect(
        byCounty.reduce((s, r) => s + r.aidFen, 0),
        period.label,
      ).toBe(exact.aid);
    }
  });

  it("keeps the counting tables equal to what the ledger says", async () => {
    const { union, person } = await sales();
    await refund(union.id, yak, 5000, "2026-04-02T03:00:00Z");
    await refund(person.id, milk, 1500, "2026-04-03T03:00:00Z");
    const rows = async (query: string) => (await sql.raw(query).execute(db)).rows;
    const same = async (table: string, stored: string, derived: string) =>
      expect(await rows(stored), table).toEqual(await rows(derived));
    await same(
      "aid_rollup_monthly",
      `select month, product_id, buyer_type, eligible, amount_fen, quantity, entries
       from aid_rollup_monthly order by 1, 2, 3, 4`,
      `select month, product_id, buyer_type, eligible, sum(amount_fen) as amount_fen,
         sum(quantity) as quantity, count(*) as entries
       from aid_ledger group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    await same(
      "aid_month_totals (county)",
      `select month, value, eligible, amount_fen, entries from aid_month_totals
       where dimension = 'county' order by 1, 2, 3`,
      `select month, county_code as value, eligible, sum(amount_fen) as amount_fen,
         count(*) as entries from aid_ledger group by 1, 2, 3 order by 1, 2, 3`,
    );
    await same(
      "aid_month_totals (all)",
      `select month, eligible, amount_fen from aid_month_totals where dimension = 'all' order by 1, 2`,
      `select month, eligible, sum(amount_fen) as amount_fen from aid_ledger group by 1, 2 order by 1, 2`,
    );
    await same(
      "aid_orders_daily",
      `select day, eligible, orders from aid_orders_daily order by 1, 2`,
      `select day, eligible, count(distinct order_id) as orders from aid_ledger
       where entry_type = 'sale' group by 1, 2 order by 1, 2`,
    );
    await same(
      "aid_coop_days",
      `select day, cooperative_id from aid_coop_days order by 1, 2`,
      `select distinct day, cooperative_id from aid_ledger
       where entry_type = 'sale' and eligible = 1 order by 1, 2`,
    );
    await same(
      "aid_buyer_days",
      `select day, buyer_key from aid_buyer_days order by 1, 2`,
      `select distinct day, buyer_key from aid_ledger
       where entry_type = 'sale' and eligible = 1 order by 1, 2`,
    );
    expect(await rows(`select period, buyers from aid_buyer_counts order by 1`)).toEqual([
      { period: "2026", buyers: 2 },
      { period: "2026-03", buyers: 2 },
      { period: "2026-04", buyers: 1 },
      { period: "2026-Q1", buyers: 2 },
      { period: "2026-Q2", buyers: 1 },
    ]);
    await same(
      "aid_buyer_counts",
      `select period, buyers from aid_buyer_counts order by 1`,
      `select period, count(*) as buyers from aid_buyer_periods group by 1 order by 1`,
    );
  });

  it("assembles the whole dashboard: breakdowns, the year's trend, targets and reported months", async () => {
    await sales();
    await setTarget(db, { year: 2026, county: "datong", targetFen: 1_000_000, officer });
    await markPeriodReported(db, {
      month: "2026-03",
      officer,
      now: new Date("2026-04-02T00:00:00Z"),
    });
    const dash = await aidDashboard(db, quarterPeriod(2026, 1));
    expect(dash.totals.aidFen).toBe(28600);
    expect(Object.keys(dash.breakdowns).sort()).toEqual([...DIMENSIONS].sort());
    expect(dash.trend).toHaveLength(12);
    expect(dash.trend.slice(2, 4)).toEqual([
      { month: "2026-03", aidFen: 28600, otherFen: 0 },
      { month: "2026-04", aidFen: 6000, otherFen: 6800 },
    ]);
    // targets run on the whole year, whatever the period
    expect(dash.targets).toEqual([
      expect.objectContaining({
        county: "datong",
        pairedDistrict: "雨花台区",
        targetFen: 1_000_000,
        aidFen: 25600,
        percent: 2.6,
        setByName: "帮扶办 陈立",
      }),
      expect.objectContaining({
        county: "huangzhong",
        targetFen: null,
        aidFen: 9000,
        percent: null,
      }),
    ]);
    expect(dash.reportedMonths).toEqual(["2026-03"]);
  });

  it("lists the entries behind a figure, page by page, adding up to it", async () => {
    await sales();
    for (let i = 0; i < 4; i++) {
      await createPaidOrder(db, [{ productId: milk, quantity: 1 }], {
        now: new Date(`2026-03-0${i + 1}T02:00:00Z`),
        input: { phone: `1370000000${i}` },
      });
    }
    const march = monthPeriod("2026-03");
    const figure = (await breakdown(db, march, "county")).find((r) => r.value === "huangzhong")!;
    const filters = parseEntryFilters(new URLSearchParams("county=huangzhong&eligible=1"));
    const first = await listEntries(db, march, filters, 1, "zh-CN", 3);
    expect(first).toMatchObject({ count: 5, amountFen: figure.aidFen, page: 1, pages: 2 });
    const second = await listEntries(db, march, filters, 2, "zh-CN", 3);
    const all = [...first.rows, ...second.rows];
    expect(all).toHaveLength(5);
    expect(all.reduce((s, r) => s + r.amountFen, 0)).toBe(figure.aidFen);
    expect(all.every((r) => r.countyName === "湟中区" && r.eligible === 1)).toBe(true);
    // newest first
    expect(all.map((r) => r.day)).toEqual([...all.map((r) => r.day)].sort().reverse());
    expect(first.rows[0]).toMatchObject({
      productName: expect.any(String),
      pairedDistrict: "栖霞区",
    });
    // a page past the end shows the last one
    expect((await listEntries(db, march, filters, 99, "zh-CN", 3)).page).toBe(2);

    const apart = await listEntries(
      db,
      yearPeriod(2026),
      parseEntryFilters(new URLSearchParams("eligible=0")),
    );
    expect(apart.rows.map((r) => [r.productId, r.amountFen])).toEqual([[craft, 6800]]);
    const none = await listEntries(
      db,
      yearPeriod(2026),
      parseEntryFilters(new URLSearchParams("funding_source=none&month=2026-04&eligible=1")),
    );
    expect(none.amountFen).toBe(6000);
  });

  it("refuses drill-down filters that cannot be", () => {
    for (const query of [
      "bucket=gifts",
      "cooperative=abc",
      "product=-1",
      "month=2026-13",
      "eligible=2",
      "county=<script>",
    ]) {
      expect(() => parseEntryFilters(new URLSearchParams(query)), query).toThrow(
        /dash.entries.badFilter/,
      );
    }
    expect(parseEntryFilters(new URLSearchParams("county=&page=2"))).toEqual({});
  });

  it("sets targets per county and year, on record", async () => {
    await setTarget(db, { year: 2026, county: "datong", targetFen: 500_000_00, officer });
    await setTarget(db, {
      year: 2026,
      county: "datong",
      targetFen: 600_000_00,
      officer: { id: null, name: "另一位" },
    });
    const progress = await targetProgress(db, 2026);
    expect(progress[0]).toMatchObject({ targetFen: 600_000_00, setByName: "另一位" });
    const log = await db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "aid_target")
      .orderBy("id")
      .execute();
    expect(log.map((l) => l.action)).toEqual(["target_set", "target_changed"]);
    await expect(
      setTarget(db, { year: 2026, county: "nowhere", targetFen: 100, officer }),
    ).rejects.toThrow(/dash.targets.errors.county/);
    await expect(
      setTarget(db, { year: 2026, county: "datong", targetFen: 0, officer }),
    ).rejects.toThrow(/dash.targets.errors.amount/);
    await expect(
      setTarget(db, { year: 1990, county: "datong", targetFen: 100, officer }),
    ).rejects.toThrow(/dash.targets.errors.year/);
    // a county with no pairing still gets a row
    await createCounty(db, { code: "xining", pairedDistrictZh: null, pairedDistrictEn: null }, 9);
    expect((await targetProgress(db, 2026)).map((t) => t.county)).toContain("xining");
  });

  it("marks a month reported only once it has ended, and only once", async () => {
    await sales();
    const now = new Date("2026-04-30T15:00:00Z"); // 30 April 23:00 in Shanghai
    await expect(markPeriodReported(db, { month: "2026-04", officer, now })).rejects.toThrow(
      /dash.periods.errors.notEnded/,
    );
    await expect(markPeriodReported(db, { month: "2026-4", officer, now })).rejects.toThrow(
      /dash.periods.errors.month/,
    );
    await markPeriodReported(db, { month: "2026-03", officer, now });
    await expect(markPeriodReported(db, { month: "2026-03", officer, now })).rejects.toThrow(
      /dash.periods.errors.already/,
    );
    expect(await listReportedPeriods(db)).toEqual([
      {
        month: "2026-03",
        reportedByName: "帮扶办 陈立",
        reportedAt: now.toISOString(),
        aidFen: 28600,
        otherFen: 0,
      },
    ]);
    const open = await reportableMonths(db, now);
    expect(open).not.toContain("2026-03");
    expect(open).not.toContain("2026-04");
    expect(open[0]).toBe("2026-02");
  });
});

describe("万元", () => {
  it("rounds to two decimals of 万元, half away from zero, in either language", () => {
    expect(formatWan(12_345_678)).toBe("12.35");
    expect(formatWan(12_345_000)).toBe("12.35");
    expect(formatWan(12_344_999)).toBe("12.34");
    expect(formatWan(0)).toBe("0.00");
    expect(formatWan(4_999)).toBe("0.00");
    expect(formatWan(-4_999)).toBe("0.00");
    expect(formatWan(-12_345_000)).toBe("-12.35");
    expect(formatWan(123_456_789_000)).toBe("123,456.79");
    expect(formatWan(123_456_789_000, "en")).toBe("123,456.79");
  });
});
