// The sales channel in the aid office's figures (ADR 051): till sales at two counters and
// online sales, through the rollups the dashboard reads, the drill-down, the exports, the
// integrity flags and ledger:check.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createCounterSale } from "#tests/factories/aid-channel";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter } from "#tests/factories/counters";
import { createPaidOrder } from "#tests/factories/orders";
import { DomainError } from "../errors";
import { aidDashboard } from "./dashboard.server";
import { breakdown } from "./dashboard/breakdowns.server";
import { listEntries } from "./dashboard/entries.server";
import { parseEntryFilters } from "./dashboard/entry-filters.server";
import { exportRows } from "./exports/rows.server";
import { flagOrderChannels } from "./flag-channels.server";
import { integrityFlags, LARGE_QUANTITY } from "./integrity.server";
import { checkLedger, formatLedgerCheck } from "./ledger-check.server";
import { customPeriod, monthPeriod } from "./periods";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number; // Datong, certified, 128 元
let milk: number; // Huangzhong, certified, 15 元
let hall: number;
let qinhuai: number;
const NOVEMBER = monthPeriod("2026-11");

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 1000 });
  milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1500, stock: 1000 });
  qinhuai = await createCounter(db, {
    nameZh: "绿色有机青海专柜",
    nameEn: "Green Organic Qinghai Counter",
  });
  hall = await createCounter(db, {
    nameZh: "青海消费帮扶南京生活体验馆",
    nameEn: "Qinghai Experience Hall",
    districtZh: "雨花台区",
    districtEn: "Yuhuatai District",
  });
});
afterEach(() => cleanup());

/** Online: yak ×1 on 10 Nov; at the counter in Qinhuai: milk ×4 on 11 Nov; at the hall: yak ×2 on 12 Nov. */
async function sales() {
  const online = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
    now: new Date("2026-11-10T02:00:00Z"),
    input: { phone: "13900000001" },
  });
  const atQinhuai = await createCounterSale(db, qinhuai, [{ productId: milk, quantity: 4 }], {
    now: new Date("2026-11-11T02:00:00Z"),
    phone: "",
  });
  const atHall = await createCounterSale(db, hall, [{ productId: yak, quantity: 2 }], {
    now: new Date("2026-11-12T02:00:00Z"),
    input: { phone: "13900000003" },
  });
  return { online, atQinhuai, atHall };
}

describe("the sales channel rollup", () => {
  it("writes every new entry under online or its counter, by month and by day", async () => {
    await sales();
    const month = await db
      .selectFrom("aid_month_totals")
      .select(["value", "amount_fen", "quantity", "entries"])
      .where("dimension", "=", "channel")
      .orderBy("value")
      .execute();
    expect(month).toEqual(
      [
        { value: `counter:${qinhuai}`, amount_fen: 6000, quantity: 4, entries: 1 },
        { value: `counter:${hall}`, amount_fen: 25600, quantity: 2, entries: 1 },
        { value: "online", amount_fen: 12800, quantity: 1, entries: 1 },
      ].sort((a, b) => a.value.localeCompare(b.value)),
    );
    const days = await db
      .selectFrom("aid_day_totals")
      .select(["day", "value"])
      .where("dimension", "=", "channel")
      .orderBy("day")
      .execute();
    expect(days).toEqual([
      { day: "2026-11-10", value: "online" },
      { day: "2026-11-11", value: `counter:${qinhuai}` },
      { day: "2026-11-12", value: `counter:${hall}` },
    ]);
  });

  it("breaks the period down into online and each counter by name, for whole months and loose days", async () => {
    await sales();
    const rows = await breakdown(db, NOVEMBER, "channel", "zh-CN");
    expect(rows.map((r) => [r.value, r.name, r.detail, r.aidFen, r.aidEntries])).toEqual([
      [`counter:${hall}`, "青海消费帮扶南京生活体验馆", "雨花台区", 25600, 1],
      ["online", null, null, 12800, 1],
      [`counter:${qinhuai}`, "绿色有机青海专柜", "秦淮区", 6000, 1],
    ]);
    const loose = await breakdown(db, customPeriod("2026-11-11", "2026-11-12"), "channel", "en");
    expect(loose.map((r) => [r.value, r.name])).toEqual([
      [`counter:${hall}`, "Qinghai Experience Hall"],
      [`counter:${qinhuai}`, "Green Organic Qinghai Counter"],
    ]);
    const dash = await aidDashboard(db, NOVEMBER);
    const sum = dash.breakdowns.channel.reduce((s, r) => s + r.aidFen, 0);
    expect(sum).toBe(dash.totals.aidFen);
  });
});

describe("the channel drill-down", () => {
  it("reads channel and counter filters, and refuses ones that cannot be", () => {
    const parse = (q: string) => parseEntryFilters(new URLSearchParams(q));
    expect(parse("channel=online")).toEqual({ channel: "online" });
    expect(parse("channel=counter&counter=7")).toEqual({ channel: "counter", counter: 7 });
    // a counter alone is a counter sale
    expect(parse("counter=7")).toEqual({ channel: "counter", counter: 7 });
    for (const bad of ["channel=shop", "counter=abc", "counter=0", "channel=online&counter=7"]) {
      expect(() => parse(bad), bad).toThrow(DomainError);
    }
    try {
      parse("channel=shop");
    } catch (error) {
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).field).toBe("channel");
    }
  });

  it("lists a channel's or a counter's entries, adding up to the breakdown, with the counter named", async () => {
    const { atHall } = await sales();
    const rows = await breakdown(db, NOVEMBER, "channel");
    const figure = (value: string) => rows.find((r) => r.value === value)!.aidFen;
    const online = await listEntries(db, NOVEMBER, { channel: "online" });
    expect(online).toMatchObject({ count: 1, amountFen: figure("online") });
    expect(online.rows[0]).toMatchObject({ channel: "online", counterId: null, counterName: null });
    const counters = await listEntries(db, NOVEMBER, { channel: "counter" });
    expect(counters.amountFen).toBe(figure(`counter:${hall}`) + figure(`counter:${qinhuai}`));
    expect(counters.rows.map((r) => r.counterName)).toEqual([
      "青海消费帮扶南京生活体验馆",
      "绿色有机青海专柜",
    ]);
    const theHall = await listEntries(db, NOVEMBER, { channel: "counter", counter: hall }, 1, "en");
    expect(theHall).toMatchObject({ count: 1, amountFen: figure(`counter:${hall}`) });
    expect(theHall.rows[0]).toMatchObject({
      orderNumber: atHall.number,
      channel: "counter",
      counterId: hall,
      counterName: "Qinghai Experience Hall",
    });
    // combined with a rollup dimension: yak sold at counters is the hall's line only
    const yakAtCounters = await listEntries(db, NOVEMBER, { channel: "counter", product: yak });
    expect(yakAtCounters).toMatchObject({ count: 1, amountFen: 25600 });
    const milkOnline = await listEntries(db, NOVEMBER, { channel: "online", product: milk });
    expect(milkOnline).toMatchObject({ count: 0, amountFen: 0, rows: [] });
  });
});

describe("exports", () => {
  it("export the channel breakdown and a channel column on every entry", async () => {
    await sales();
    const lines = [];
    for await (const line of exportRows(db, { period: NOVEMBER, breakdown: "channel" })) {
      lines.push(line);
    }
    expect(lines).toEqual([
      ["青海消费帮扶南京生活体验馆（雨花台区）", 25600, 25600, 0, 1],
      ["网上商城", 12800, 12800, 0, 1],
      ["绿色有机青海专柜（秦淮区）", 6000, 6000, 0, 1],
      ["合计", 44400, 44400, 0, 3],
    ]);
    const entries = [];
    for await (const line of exportRows(db, { period: NOVEMBER })) entries.push(line);
    expect(entries.map((e) => e[e.length - 1])).toEqual([
      "网上商城",
      "绿色有机青海专柜",
      "青海消费帮扶南京生活体验馆",
    ]);
  });
});

describe("integrity flags cover till sales", () => {
  it("flag an unusually large till sale, named with its counter", async () => {
    const big = await createCounterSale(
      db,
      hall,
      [{ productId: milk, quantity: LARGE_QUANTITY + 10 }],
      { now: new Date("2026-11-12T02:00:00Z"), input: { phone: "13900000009" } },
    );
    const report = await integrityFlags(db, NOVEMBER);
    expect(report.quantity.flags.map((f) => f.orders[0]!.number)).toEqual([big.number]);
    const channels = await flagOrderChannels(db, report);
    expect(channels[big.number]).toEqual({
      channel: "counter",
      counter: "青海消费帮扶南京生活体验馆",
    });
  });

  it("add up one phone's orders at counters and online, and never merge anonymous walk-ins", async () => {
    const at = (hour: number) => new Date(`2026-11-13T0${hour}:00:00Z`);
    const phone = "13911112222";
    const first = await createCounterSale(db, qinhuai, [{ productId: milk, quantity: 1 }], {
      now: at(1),
      input: { phone },
    });
    const second = await createPaidOrder(db, [{ productId: milk, quantity: 1 }], {
      now: at(2),
      input: { phone, street: "软件大道 1 号" },
    });
    const third = await createCounterSale(db, hall, [{ productId: milk, quantity: 1 }], {
      now: at(3),
      input: { phone },
    });
    // five anonymous walk-ins at one counter the same day, all at the counter's address
    for (let i = 0; i < 5; i++) {
      await createCounterSale(db, qinhuai, [{ productId: yak, quantity: 1 }], {
        now: at(4 + i),
        phone: "",
      });
    }
    const report = await integrityFlags(db, NOVEMBER);
    expect(report.splitOrders.total).toBe(1);
    const flag = report.splitOrders.flags[0]!;
    expect(flag.reason).toMatchObject({ rule: "splitOrders", via: "phone", count: 3 });
    expect(flag.orders.map((o) => o.number)).toEqual([first.number, second.number, third.number]);
    const channels = await flagOrderChannels(db, report, "en");
    expect(flag.orders.map((o) => channels[o.number])).toEqual([
      { channel: "counter", counter: "Green Organic Qinghai Counter" },
      { channel: "online", counter: null },
      { channel: "counter", counter: "Qinghai Experience Hall" },
    ]);
    const counted = await db
      .selectFrom("aid_split_order_counts")
      .select(["via", "subject"])
      .where("subject", "=", "")
      .execute();
    expect(counted).toEqual([]);
  });
});

describe("ledger:check", () => {
  it("passes with till sales and fails when a channel's totals drift from the ledger", async () => {
    await sales();
    expect(await checkLedger(db)).toMatchObject({ ok: true, channelDrift: [] });
    // the totals say a counter sale was online: the overall sum still matches
    await sql`update aid_month_totals set amount_fen = amount_fen + 6000
      where dimension = 'channel' and value = 'online'`.execute(db);
    await sql`delete from aid_month_totals
      where dimension = 'channel' and value = ${`counter:${qinhuai}`}`.execute(db);
    const check = await checkLedger(db);
    expect(check.ok).toBe(false);
    expect(check.rollupTotalFen).toBe(check.ledgerTotalFen);
    expect(check.channelDrift).toEqual([
      { table: "aid_month_totals", channel: `counter:${qinhuai}`, ledgerFen: 6000, rollupFen: 0 },
      { table: "aid_month_totals", channel: "online", ledgerFen: 12800, rollupFen: 18800 },
    ]);
    expect(formatLedgerCheck(check)).toContain(`aid_month_totals channel counter:${qinhuai}`);
    // and a day's
    await sql`delete from aid_day_totals where dimension = 'channel' and value = ${`counter:${hall}`}`.execute(
      db,
    );
    expect((await checkLedger(db)).channelDrift).toContainEqual({
      table: "aid_day_totals",
      channel: `counter:${hall}`,
      ledgerFen: 25600,
      rollupFen: 0,
    });
  });
});
