// Route tests for the sales channel in the aid office (ADR 051): the breakdown on /aid,
// the drill-down by channel and counter on /aid/entries, the channel in the exports and
// the monthly report, and where each flagged order was sold on /aid/integrity.
import { beforeAll, describe, expect, it } from "vitest";
import { createCounterSale } from "#tests/factories/aid-channel";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter } from "#tests/factories/counters";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, browserWithSession, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import * as dashboard from "./aid._index/route";
import * as entries from "./aid.entries/route";
import * as csvRoute from "./aid.export[.]csv";
import * as integrityRoute from "./aid.integrity/route";
import * as reportRoute from "./aid.report/route";

const JULY = "period=month&at=2026-07";
const ids = { hall: 0, qinhuai: 0 };
const numbers = {} as Record<"online" | "hall" | "split", string[]>;
let officer: Browser;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12800,
    category: "meat",
    stock: 1000,
  });
  ids.qinhuai = await createCounter(db, {
    nameZh: "绿色有机青海专柜",
    nameEn: "Green Organic Qinghai Counter",
  });
  ids.hall = await createCounter(db, {
    nameZh: "青海消费帮扶南京生活体验馆",
    nameEn: "Qinghai Experience Hall",
    districtZh: "雨花台区",
  });
  const phone = "13955556666";
  const at = (hour: number) => new Date(`2026-07-08T0${hour}:00:00Z`);
  const online = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
    now: at(1),
    input: { phone },
  });
  const hall = await createCounterSale(db, ids.hall, [{ productId: yak, quantity: 2 }], {
    now: at(2),
    input: { phone },
  });
  const qinhuai = await createCounterSale(db, ids.qinhuai, [{ productId: yak, quantity: 3 }], {
    now: at(3),
    input: { phone },
  });
  numbers.online = [online.number];
  numbers.hall = [hall.number];
  numbers.split = [online.number, hall.number, qinhuai.number];
  const { token } = await createUserWithSession(db, { role: "aid_officer", name: "帮扶办 陈立" });
  officer = await browserWithSession(token);
});

async function load(handler: unknown, path: string): Promise<Json> {
  const response = await call(handler, officer.get(path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

describe("/aid sales channel", () => {
  it("breaks the month down into online and each counter, adding up to the total", async () => {
    const { breakdowns, totals } = (await load(dashboard.loader, `/aid?${JULY}`)).dashboard;
    expect(breakdowns.channel.map((r: Json) => [r.value, r.name, r.aidFen])).toEqual([
      [`counter:${ids.qinhuai}`, "绿色有机青海专柜", 38400],
      [`counter:${ids.hall}`, "青海消费帮扶南京生活体验馆", 25600],
      ["online", null, 12800],
    ]);
    expect(breakdowns.channel.reduce((s: number, r: Json) => s + r.aidFen, 0)).toBe(totals.aidFen);
  });

  it("drills down to a channel or a counter, named, adding up to its figure", async () => {
    const hall = await load(
      entries.loader,
      `/aid/entries?${JULY}&channel=counter&counter=${ids.hall}`,
    );
    expect(hall.filters).toEqual({ channel: "counter", counter: String(ids.hall) });
    expect(hall.names).toEqual({ counter: "青海消费帮扶南京生活体验馆" });
    expect(hall.entries).toMatchObject({ count: 1, amountFen: 25600 });
    expect(hall.entries.rows.map((r: Json) => r.orderNumber)).toEqual(numbers.hall);
    expect(hall.entries.rows[0]).toMatchObject({ channel: "counter", counterId: ids.hall });
    const online = await load(entries.loader, `/aid/entries?${JULY}&channel=online&eligible=1`);
    expect(online.entries).toMatchObject({ count: 1, amountFen: 12800 });
    expect(online.entries.rows.map((r: Json) => r.orderNumber)).toEqual(numbers.online);
    const counters = await load(entries.loader, `/aid/entries?${JULY}&channel=counter`);
    expect(counters.entries).toMatchObject({ count: 2, amountFen: 25600 + 38400 });
  });

  it("answers 400 with the filter's name for a channel or counter that cannot be", async () => {
    for (const [query, field] of [
      ["channel=shop", "channel"],
      ["counter=abc", "counter"],
      ["channel=online&counter=1", "counter"],
    ]) {
      const response = await call(entries.loader, officer.get(`/aid/entries?${JULY}&${query}`));
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toEqual({ message: "dash.entries.badFilter", field });
    }
  });
});

describe("the channel in exports, the report and the flags", () => {
  it("exports the channel breakdown and each entry's channel", async () => {
    const text = async (query: string) => {
      const response = await call(csvRoute.loader, officer.get(`/aid/export.csv?${JULY}${query}`));
      expect(response.status, query).toBe(200);
      return Buffer.from(await response.arrayBuffer())
        .toString("utf8")
        .slice(1)
        .split("\r\n");
    };
    const channels = await text("&breakdown=channel");
    expect(channels.slice(1, 5)).toEqual([
      "绿色有机青海专柜（秦淮区）,384.00,0.04,0.00,1",
      "青海消费帮扶南京生活体验馆（雨花台区）,256.00,0.03,0.00,1",
      "网上商城,128.00,0.01,0.00,1",
      "合计,768.00,0.08,0.00,3",
    ]);
    const rows = await text("");
    expect(rows[0]!.endsWith(",销售渠道")).toBe(true);
    expect(rows.filter((l) => l.endsWith(",青海消费帮扶南京生活体验馆"))).toHaveLength(1);
    expect(rows.filter((l) => l.endsWith(",网上商城"))).toHaveLength(1);
  });

  it("puts the channel breakdown in the monthly report", async () => {
    const data = await load(reportRoute.loader, "/aid/report?month=2026-07");
    expect(data.dimensions).toContain("channel");
    expect(data.report.breakdowns.channel.map((r: Json) => r.value)).toEqual([
      `counter:${ids.qinhuai}`,
      `counter:${ids.hall}`,
      "online",
    ]);
  });

  it("flags one phone buying online and at two counters in a day, naming where each was sold", async () => {
    const data = await load(integrityRoute.loader, `/aid/integrity?${JULY}`);
    const split = data.flags.splitOrders.flags.find((f: Json) => f.reason.via === "phone");
    expect(split.orders.map((o: Json) => o.number)).toEqual(numbers.split);
    expect(numbers.split.map((n) => data.channels[n])).toEqual([
      { channel: "online", counter: null },
      { channel: "counter", counter: "青海消费帮扶南京生活体验馆" },
      { channel: "counter", counter: "绿色有机青海专柜" },
    ]);
  });
});
