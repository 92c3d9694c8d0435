// Route tests for the aid office's exports (/aid/export.csv, /aid/export.xlsx), the
// printable monthly report (/aid/report) and the integrity flags (/aid/integrity).
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser, createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { breakdown } from "~/domain/aid/dashboard/breakdowns.server";
import { aidTotals } from "~/domain/aid/dashboard/totals.server";
import { monthPeriod } from "~/domain/aid/periods";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as csvRoute from "./aid.export[.]csv";
import * as integrityRoute from "./aid.integrity/route";
import * as reportRoute from "./aid.report/route";
import * as xlsxRoute from "./aid.export[.]xlsx";

const MONTH = "2026-11";
const browsers = {} as Record<Role | "guest", Browser>;
let coops: { datong: number; huangzhong: number };
const orders = {} as Record<"split" | "self", string[]>;

async function signedIn(role: Role) {
  const { token } = await createUserWithSession(await getDb(), { role });
  const header = await sessionCookie().serialize(token);
  const pair = header.split(";")[0]!;
  const browser = new Browser();
  browser.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  return browser;
}

const at = (day: number, hour = 2) =>
  new Date(`${MONTH}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`);
let serial = 0;
const someone = (phone?: string) => ({
  phone: phone ?? `136${String(++serial).padStart(8, "0")}`,
  street: `汉中路 ${++serial} 号`,
});

beforeAll(async () => {
  const db = await getDb();
  coops = await createBasicCatalog(db);
  browsers.guest = new Browser();
  for (const role of ["shopper", "coop_manager", "aid_officer", "admin"] as const) {
    browsers[role] = await signedIn(role);
  }
  const yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12850,
    category: "meat",
    nameZh: '牦牛肉, "特级"',
    stock: 1000,
  });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    category: "dairy",
    stock: 1000,
  });
  const craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
    stock: 1000,
  });
  // sales in November: a union, individuals, goods that do not count
  await createPaidOrder(db, [{ productId: yak, quantity: 3 }], {
    now: at(2),
    input: {
      ...someone(),
      buyerType: "union",
      orgName: "南京市总工会",
      fundingSource: "union_funds",
    },
  });
  await createPaidOrder(
    db,
    [
      { productId: milk, quantity: 4 },
      { productId: craft, quantity: 1 },
    ],
    { now: at(9), input: someone() },
  );
  await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
    now: new Date("2026-10-31T15:59:00Z"), // 23:59 on 31 October in Shanghai: not November
    input: someone(),
  });
  // a split-order pattern: three orders from one phone on 12 November
  orders.split = [];
  for (const hour of [1, 3, 6]) {
    const o = await createPaidOrder(db, [{ productId: milk, quantity: 1 }], {
      now: at(12, hour),
      input: someone("13955550000"),
    });
    orders.split.push(o.number);
  }
  // a manager of the Datong cooperative buying its own yak
  const manager = await createUser(db, {
    role: "coop_manager",
    name: "大通 马经理",
    phone: "13900000001",
    cooperativeIds: [coops.datong],
  });
  const own = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
    now: at(15),
    userId: manager,
    input: someone(),
  });
  orders.self = [own.number];
});

/** Σ ledger amounts of November, eligible and not: what every figure must add up to. */
async function ledgerSums() {
  const db = await getDb();
  const rows = await db
    .selectFrom("aid_ledger")
    .select((eb) => [
      "eligible",
      eb.fn.sum<number>("amount_fen").as("fen"),
      eb.fn.countAll<number>().as("n"),
    ])
    .where("month", "=", MONTH)
    .groupBy("eligible")
    .execute();
  const of = (e: 0 | 1) => rows.find((r) => r.eligible === e);
  return {
    aid: Number(of(1)?.fen ?? 0),
    other: Number(of(0)?.fen ?? 0),
    entries: Number(of(1)?.n ?? 0) + Number(of(0)?.n ?? 0),
  };
}

const pages = [
  { name: "/aid/export.csv", loader: csvRoute.loader },
  { name: "/aid/export.xlsx", loader: xlsxRoute.loader },
  { name: "/aid/report", loader: reportRoute.loader },
  { name: "/aid/integrity", loader: integrityRoute.loader },
];

describe("who may export", () => {
  it("sends visitors to /login and refuses shoppers and cooperative managers", async () => {
    for (const page of pages) {
      const path = `${page.name}?period=month&at=${MONTH}`;
      const guest = await call(page.loader, browsers.guest.get(path));
      expect(guest.status, page.name).toBe(302);
      const location = new URL(guest.headers.get("Location")!, BASE);
      expect(location.pathname).toBe("/login");
      expect(location.searchParams.get("redirectTo")).toBe(path);
      for (const role of ["shopper", "coop_manager"] as const) {
        const refused = await call(page.loader, browsers[role].get(path));
        expect(refused.status, `${role} ${page.name}`).toBe(403);
      }
      for (const role of ["aid_officer", "admin"] as const) {
        const ok = await call(page.loader, browsers[role].get(path));
        expect(ok.status, `${role} ${page.name}`).toBe(200);
        expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
        await ok.arrayBuffer(); // read to the end, so the export's connection closes
      }
    }
  });
});

describe("/aid/export.csv", () => {
  it("streams every entry with a BOM, a Chinese header and proper quoting", async () => {
    const response = await call(
      csvRoute.loader,
      browsers.aid_officer.get(`/aid/export.csv?period=month&at=${MONTH}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(
      /^attachment; filename="shanhai-aid-entries-2026-11-01_2026-11-30\.csv"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      "山海消费帮扶_明细_2026年11月.csv",
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "日期,订单号,县区,结对区,合作社,商品,品类,采购/帮助销售,购买方类型,资金来源,是否计入帮扶,数量,金额（元）,金额（万元）,所属礼包,售出合作社,销售渠道",
    );
    const union = lines.find((l) => l.includes("工会经费"))!;
    expect(union).toMatch(
      /^2026-11-02,SH-[\w-]+,大通县,雨花台区,大通牦牛合作社,"牦牛肉, ""特级""",农畜牧产品,采购,工会,工会经费,是,3,385\.50,0\.04,,大通牦牛合作社,网上商城$/,
    );
    const sums = await ledgerSums();
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(sums.entries);
    const fen = rows.reduce((s, l) => s + Math.round(Number(l.split(",").at(-5)) * 100), 0);
    expect(fen).toBe(sums.aid + sums.other);
  });

  it("answers a bad query with 400 and a message, never a 500", async () => {
    for (const query of [
      "period=week",
      "period=month&at=2026-13",
      "period=custom&from=2026-11-01",
      "period=custom&from=2026-11-30&to=2026-11-01",
      "from=2026-02-30",
      "breakdown=district",
    ]) {
      for (const route of [csvRoute, xlsxRoute]) {
        const response = await call(
          route.loader,
          browsers.aid_officer.get(`/aid/export.csv?${query}`),
        );
        expect(response.status, query).toBe(400);
        const text = await response.text();
        expect(text, query).toMatch(/[\u4e00-\u9fff]/);
        expect(text, query).not.toMatch(/aidExtra/);
      }
    }
  });
});

describe("/aid/export.xlsx", () => {
  async function workbook(query: string) {
    const response = await call(xlsxRoute.loader, browsers.admin.get(`/aid/export.xlsx?${query}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    return book.worksheets[0]!;
  }

  it("reads back with the dashboard's figures for a breakdown", async () => {
    const sheet = await workbook(`period=month&at=${MONTH}&breakdown=county`);
    const db = await getDb();
    const period = monthPeriod(MONTH);
    const [totals, counties, sums] = await Promise.all([
      aidTotals(db, period),
      breakdown(db, period, "county"),
      ledgerSums(),
    ]);
    // the dashboard itself agrees with the ledger
    expect([totals.aidFen, totals.otherFen]).toEqual([sums.aid, sums.other]);
    expect(sheet.getCell("A1").value).toBe(
      "山海消费帮扶 · 按县区（结对区）汇总 · 2026年11月（2026-11-01 至 2026-11-30）",
    );
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      "维度",
      "计入帮扶金额（元）",
      "计入帮扶金额（万元）",
      "不计入金额（元）",
      "笔数",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const body = counties.map((c, i) => sheet.getRow(3 + i).values);
    expect(body).toEqual(
      counties.map((c) => [
        undefined,
        `${c.name}（${c.detail}）`,
        c.aidFen / 100,
        Math.round(c.aidFen / 10_000) / 100,
        c.otherFen / 100,
        c.aidEntries + c.otherEntries,
      ]),
    );
    const total = sheet.getRow(3 + counties.length);
    expect(total.values).toEqual([
      undefined,
      "合计",
      sums.aid / 100,
      Math.round(sums.aid / 10_000) / 100,
      sums.other / 100,
      sums.entries,
    ]);
    expect(total.getCell(2).numFmt).toBe("#,##0.00");
    expect(total.getCell(3).numFmt).toBe("0.00");
  });

  it("holds every entry, adding up to the ledger", async () => {
    const sheet = await workbook(`period=custom&from=2026-11-01&to=2026-11-30`);
    const sums = await ledgerSums();
    expect(sheet.getCell("A1").value).toBe(
      "山海消费帮扶 · 明细 · 2026年11月（2026-11-01 至 2026-11-30）",
    );
    expect(sheet.rowCount).toBe(2 + sums.entries);
    let aid = 0;
    let other = 0;
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      const fen = Math.round(Number(row.getCell(13).value) * 100);
      if (row.getCell(11).value === "是") aid += fen;
      else other += fen;
    });
    expect([aid, other]).toEqual([sums.aid, sums.other]);
  });
});

describe("/aid/report", () => {
  it("shows the month's totals, breakdowns and whether it is reported", async () => {
    const db = await getDb();
    const response = await call(
      reportRoute.loader,
      browsers.aid_officer.get(`/aid/report?month=${MONTH}`),
    );
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      report: {
        name: string;
        totals: { aidFen: number; otherFen: number };
        breakdowns: Record<string, Array<{ value: string; aidFen: number }>>;
        reported: unknown;
      };
    };
    const sums = await ledgerSums();
    expect(data.report.name).toBe("2026年11月");
    expect([data.report.totals.aidFen, data.report.totals.otherFen]).toEqual([
      sums.aid,
      sums.other,
    ]);
    for (const dimension of [
      "county",
      "bucket",
      "buyer_type",
      "funding_source",
      "category_group",
    ]) {
      const rows = data.report.breakdowns[dimension]!;
      expect(
        rows.reduce((s, r) => s + r.aidFen, 0),
        dimension,
      ).toBe(sums.aid);
    }
    expect(data.report.reported).toBeNull();

    await db
      .insertInto("reported_periods")
      .values({
        month: "2026-10",
        reported_by_name: "帮扶办 陈立",
        reported_at: "2026-11-03T01:00:00.000Z",
      })
      .execute();
    const october = await call(reportRoute.loader, browsers.admin.get("/aid/report?month=2026-10"));
    expect(((await october.json()) as typeof data).report.reported).toEqual({
      by: "帮扶办 陈立",
      at: "2026-11-03T01:00:00.000Z",
    });
  });

  it("keeps a mistyped month and says what is wrong", async () => {
    const response = await call(
      reportRoute.loader,
      browsers.aid_officer.get("/aid/report?month=2026-13"),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      report: null,
      input: "2026-13",
      error: "aidExtra.errors.month",
    });
  });
});

describe("/aid/integrity", () => {
  type Flags = Record<
    string,
    {
      total: number;
      flags: Array<{ reason: Record<string, unknown>; orders: Array<{ number: string }> }>;
    }
  >;

  it("lists the split orders and the self-purchase, with their orders", async () => {
    const response = await call(
      integrityRoute.loader,
      browsers.aid_officer.get(`/aid/integrity?period=month&at=${MONTH}`),
    );
    expect(response.status).toBe(200);
    const data = (await response.json()) as { flags: Flags; linkOrders: boolean };
    expect(data.linkOrders).toBe(false);
    const split = data.flags.splitOrders!.flags.find((f) => f.reason.via === "phone")!;
    expect(split.reason).toMatchObject({ day: "2026-11-12", count: 3, subject: "139****0000" });
    expect(split.orders.map((o) => o.number)).toEqual(orders.split);
    const self = data.flags.selfPurchase!;
    expect(self.total).toBe(1);
    expect(self.flags[0]!.reason).toMatchObject({
      cooperative: "大通牦牛合作社",
      manager: "大通 马经理",
      via: "account",
    });
    expect(self.flags[0]!.orders.map((o) => o.number)).toEqual(orders.self);

    const admin = await call(
      integrityRoute.loader,
      browsers.admin.get(`/aid/integrity?period=month&at=${MONTH}`),
    );
    expect(((await admin.json()) as { linkOrders: boolean }).linkOrders).toBe(true);
  });
});
