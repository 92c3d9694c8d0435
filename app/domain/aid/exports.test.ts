import { fenToWan, fenToYuan } from "~/utils/money";
import ExcelJS from "exceljs";
import { CompiledQuery } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { exportColumns, type ExportValue } from "./exports/columns.server";
import { csvField, csvStream } from "./exports/csv.server";
import {
  exportTitle,
  parseExportRequest,
  periodName,
  resolvePeriod,
} from "./exports/request.server";
import { breakdownRows, entriesQuery, exportRows, exportRowsFromFile } from "./exports/rows.server";
import { defuseFormula } from "./exports/writer-common.server";
import { xlsxStream } from "./exports/xlsx.server";
import { appendLedger } from "./ledger.server";
import { customPeriod, monthPeriod, type Period } from "./periods";
import { onPostgresSuite } from "#tests/pg";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const december = monthPeriod("2026-12");
const params = (query: string) => new URLSearchParams(query);
const NOW = new Date("2026-12-15T04:00:00Z");

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares load(Buffer) with an older Buffer type than @types/node's generic one;
  // it reads any bytes, so the cast only bridges the two declarations
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Two sales in December (one union, one individual), one in November, one refund. */
async function someSales() {
  const yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12850,
    category: "meat",
    nameZh: '牦牛肉, "特级"',
  });
  const craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
  });
  const union = await createPaidOrder(db, [{ productId: yak, quantity: 3 }], {
    now: new Date("2026-12-02T02:00:00Z"),
    input: { buyerType: "union", orgName: "南京市总工会", fundingSource: "union_funds" },
  });
  await createPaidOrder(
    db,
    [
      { productId: yak, quantity: 1 },
      { productId: craft, quantity: 2 },
    ],
    { now: new Date("2026-12-10T09:00:00Z") },
  );
  await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
    now: new Date("2026-11-30T15:30:00Z"), // 30 November 23:30 in Shanghai
  });
  // a refund of one unit of the union's order, booked on 20 December
  const sale = await db
    .selectFrom("aid_ledger")
    .selectAll()
    .where("order_id", "=", union.id)
    .executeTakeFirstOrThrow();
  const { id: _i, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
  await db.transaction().execute((trx) =>
    appendLedger(
      trx,
      [
        {
          ...copy,
          entry_type: "refund",
          quantity: -1,
          amount_fen: -12850,
          occurred_at: "2026-12-20T03:00:00.000Z",
        },
      ],
      new Date("2026-12-20T03:00:00Z"),
    ),
  );
  return { union };
}

async function ledgerSums(period: Pick<Period, "start" | "end">) {
  const row = await db
    .selectFrom("aid_ledger")
    .select((eb) => [
      eb.fn
        .sum<number>(eb.case().when("eligible", "=", 1).then(eb.ref("amount_fen")).else(0).end())
        .as("eligible"),
      eb.fn
        .sum<number>(eb.case().when("eligible", "=", 0).then(eb.ref("amount_fen")).else(0).end())
        .as("other"),
      eb.fn.countAll<number>().as("entries"),
    ])
    .where("day", ">=", period.start)
    .where("day", "<=", period.end)
    .executeTakeFirstOrThrow();
  return { eligible: Number(row.eligible), other: Number(row.other), entries: Number(row.entries) };
}

describe("periods", () => {
  const name = (query: string, now = NOW) => {
    const period = resolvePeriod(params(query), now);
    return "error" in period ? period : [period.start, period.end, periodName(period)];
  };

  it("defaults to this month in Shanghai", () => {
    // 31 December 17:00 UTC is already 1 January in Shanghai
    expect(name("", new Date("2026-12-31T17:00:00Z"))).toEqual([
      "2027-01-01",
      "2027-01-31",
      "2027年1月",
    ]);
  });

  it("reads the dashboard's `at`, or a day inside the period as `from`", () => {
    expect(name("period=month&at=2028-02")).toEqual(["2028-02-01", "2028-02-29", "2028年2月"]);
    expect(name("period=month&from=2028-02-10")).toEqual(["2028-02-01", "2028-02-29", "2028年2月"]);
    expect(name("period=quarter&from=2026-11-03")).toEqual([
      "2026-10-01",
      "2026-12-31",
      "2026年第4季度",
    ]);
    expect(name("period=quarter&at=2026-Q2")).toEqual([
      "2026-04-01",
      "2026-06-30",
      "2026年第2季度",
    ]);
    expect(name("period=year")).toEqual(["2026-01-01", "2026-12-31", "2026年"]);
    expect(name("period=custom&from=2026-01-05&to=2026-02-10")).toEqual([
      "2026-01-05",
      "2026-02-10",
      "2026-01-05 至 2026-02-10",
    ]);
    expect(name("period=custom&from=2026-10-01&to=2026-12-31")).toEqual([
      "2026-10-01",
      "2026-12-31",
      "2026年第4季度",
    ]);
  });

  it("names what is wrong instead of guessing", () => {
    expect(name("period=week")).toEqual({ error: "aidExtra.errors.period" });
    expect(name("period=month&at=2026-13")).toEqual({ error: "aidExtra.errors.at" });
    expect(name("from=2026-02-30")).toEqual({ error: "aidExtra.errors.date" });
    expect(name("period=custom&from=2026-01-05")).toEqual({ error: "aidExtra.errors.toRequired" });
    expect(name("period=custom&from=2026-03-01&to=2026-02-01")).toEqual({
      error: "aidExtra.errors.order",
    });
    expect(name("period=custom&from=2016-01-01&to=2026-02-01")).toEqual({
      error: "aidExtra.errors.tooLong",
    });
    expect(parseExportRequest(params("breakdown=district"), NOW)).toEqual({
      error: "aidExtra.errors.breakdown",
    });
  });
});

describe("amounts and CSV fields", () => {
  it("writes 元 and 万元 from integer fen, rounding 万元 half away from zero", () => {
    expect(fenToYuan(123456)).toBe("1234.56");
    expect(fenToYuan(-5)).toBe("-0.05");
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToWan(125_000)).toBe("0.13");
    expect(fenToWan(145_000)).toBe("0.15"); // 0.145 as a float would round down
    expect(fenToWan(-125_000)).toBe("-0.13");
    expect(fenToWan(123_456_789)).toBe("123.46");
  });

  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField('牦牛肉, "特级"', "text")).toBe('"牦牛肉, ""特级"""');
    expect(csvField("第一行\n第二行", "text")).toBe('"第一行\n第二行"');
    expect(csvField("=HYPERLINK(1)", "text")).toBe("'=HYPERLINK(1)");
    expect(csvField(-12850, "yuan")).toBe("-128.50");
    expect(csvField(-12850, "wan")).toBe("-0.01");
  });

  it("defuses formulas after any field separator, not only at the start", () => {
    expect(csvField('牦牛;=HYPERLINK("http://evil")', "text")).toBe(
      '"牦牛;\'=HYPERLINK(""http://evil"")"',
    );
    expect(csvField("a,+1", "text")).toBe(`"a,'+1"`);
    expect(csvField("a\t@SUM(1)", "text")).toBe(`"a\t'@SUM(1)"`);
    expect(csvField("a; -1+1", "text")).toBe(`"a; '-1+1"`);
    expect(csvField(" =1+1", "text")).toBe("' =1+1");
    expect(csvField("\tx", "text")).toBe(`"'\tx"`);
    // a ";" alone is quoted so that a ";" locale keeps the value in one cell
    expect(csvField("甲;乙", "text")).toBe('"甲;乙"');
    // ordinary text stays as it is
    expect(csvField("大通县（雨花台区）", "text")).toBe("大通县（雨花台区）");
    expect(csvField("牦牛肉 2-3 kg", "text")).toBe("牦牛肉 2-3 kg");
    expect(defuseFormula("=1;=2,+3")).toBe("'=1;'=2,'+3");
  });
});

describe("export rows", () => {
  it("lists every entry of the period with Chinese labels, refunds negative", async () => {
    const { union } = await someSales();
    const rows = await collect(exportRows(db, { period: december }));
    expect(rows).toHaveLength(4); // three December sale lines and the refund
    expect(exportColumns("entries").map((c) => c.header)).toEqual([
      "日期",
      "订单号",
      "县区",
      "结对区",
      "合作社",
      "商品",
      "品类",
      "采购/帮助销售",
      "购买方类型",
      "资金来源",
      "是否计入帮扶",
      "数量",
      "金额（元）",
      "金额（万元）",
      "所属礼包",
      "售出合作社",
      "销售渠道",
    ]);
    expect(rows[0]).toEqual([
      "2026-12-02",
      union.number,
      "大通县",
      "雨花台区",
      "大通牦牛合作社",
      '牦牛肉, "特级"',
      "农畜牧产品",
      "采购",
      "工会",
      "工会经费",
      "是",
      3,
      38550,
      38550,
      "",
      "大通牦牛合作社",
      "网上商城",
    ]);
    const craft = rows.find((r) => r[6] === "特色手工艺产品")!;
    expect(craft.slice(7, 12)).toEqual(["帮助销售", "个人", "无（个人购买）", "否", 2]);
    expect(rows.at(-1)).toMatchObject({ 0: "2026-12-20", 12: -12850 });
  });

  it("breaks a period down with the same totals as the ledger, ending with 合计", async () => {
    await someSales();
    const sums = await ledgerSums(december);
    expect(sums).toEqual({ eligible: 38550 + 12850 - 12850, other: 13600, entries: 4 });
    for (const breakdown of [
      "county",
      "bucket",
      "buyer_type",
      "funding_source",
      "category_group",
      "cooperative",
      "product",
      "month",
      "channel",
    ] as const) {
      const rows = await collect(exportRows(db, { period: december, breakdown }));
      const total = rows.at(-1)!;
      expect(total, breakdown).toEqual([
        "合计",
        sums.eligible,
        sums.eligible,
        sums.other,
        sums.entries,
      ]);
      const body = rows.slice(0, -1);
      expect(
        body.reduce((s, r) => s + Number(r[1]), 0),
        breakdown,
      ).toBe(sums.eligible);
    }
    const counties = await breakdownRows(db, december, "county");
    expect(counties.map((c) => [c.label, c.aidFen, c.otherFen, c.entries])).toEqual([
      ["大通县（雨花台区）", 38550, 0, 3],
      ["湟中区（栖霞区）", 0, 13600, 1],
    ]);
    const months = await breakdownRows(db, customPeriod("2026-11-01", "2026-12-31"), "month");
    expect(months.map((m) => [m.label, m.aidFen])).toEqual([
      ["2026年11月", 12850],
      ["2026年12月", 38550],
    ]);
  });

  // SQLite's query planner (PostgreSQL plans by its own statistics)
  it.skipIf(onPostgresSuite)("walks the (day, eligible) index without sorting first", async () => {
    const compiled = entriesQuery(db, december).compile();
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    const details = plan.rows.map((r) => r.detail).join("\n");
    expect(details).toMatch(/SEARCH a USING INDEX aid_ledger_day/);
    expect(details).not.toMatch(/TEMP B-TREE/);
    expect(details).not.toMatch(/SCAN/);
  });

  it("reads a snapshot on a connection of its own, leaving the app's free to write", async () => {
    await someSales();
    const product = await createProduct(db, { cooperativeId: coops.datong });
    const rows = exportRowsFromFile(file, db, { period: december });
    const first = await rows.next();
    expect(first.done).toBe(false);
    // the app keeps selling while the export is half read
    await createPaidOrder(db, [{ productId: product, quantity: 1 }], {
      now: new Date("2026-12-05T02:00:00Z"),
    });
    const rest = await collect({ [Symbol.asyncIterator]: () => rows });
    expect(rest).toHaveLength(3); // the snapshot as it was when the export started
    expect((await collect(exportRows(db, { period: december }))).length).toBe(5);
  });
});

describe("writers", () => {
  it("writes CSV with a BOM, a header row, CRLF and proper quoting", async () => {
    await someSales();
    const columns = exportColumns("entries");
    const buffer = await bytes(csvStream(columns, exportRows(db, { period: december })));
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString("utf8").slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(columns.map((c) => c.header).join(","));
    expect(lines[1]).toContain(',"牦牛肉, ""特级""",');
    // not from a gift box; sold by the yak cooperative itself, online
    expect(lines[1]!.endsWith(",3,385.50,0.04,,大通牦牛合作社,网上商城")).toBe(true);
    expect(lines.at(-2)!).toMatch(/,-128\.50,-0\.01,,[^,]+,网上商城$/);
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(6);
  });

  it("stops reading rows when the reader cancels", async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<ExportValue[]> {
      try {
        for (;;) {
          pulled++;
          yield [`第${pulled}行`, 1];
        }
      } finally {
        closed = true;
      }
    }
    const stream = csvStream(
      [
        { header: "a", kind: "text", width: 1 },
        { header: "b", kind: "int", width: 1 },
      ],
      endless(),
    );
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(20_000);
  });

  it("writes product names as defused text in XLSX, as in CSV", async () => {
    const name = '牦牛;=HYPERLINK("http://evil.example","点我")';
    const product = await createProduct(db, { cooperativeId: coops.datong, nameZh: name });
    await createPaidOrder(db, [{ productId: product, quantity: 1 }], {
      now: new Date("2026-12-02T02:00:00Z"),
    });
    const buffer = await bytes(
      xlsxStream(exportColumns("entries"), exportRows(db, { period: december }), {
        title: "t",
        sheetName: "明细",
      }),
    );
    const workbook = await readXlsx(buffer);
    const cell = workbook.worksheets[0]!.getCell("F3");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('牦牛;\'=HYPERLINK("http://evil.example","点我")');
  });

  it("writes an XLSX that reads back with the same numbers, formats and frozen header", async () => {
    await someSales();
    const period = resolvePeriod(params("period=month&at=2026-12"), NOW) as Period;
    const title = exportTitle("county", period);
    const buffer = await bytes(
      xlsxStream(exportColumns("county"), exportRows(db, { period, breakdown: "county" }), {
        title,
        sheetName: "按县区（结对区）汇总",
      }),
    );
    const workbook = await readXlsx(buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("按县区（结对区）汇总");
    expect(sheet.getCell("A1").value).toBe(title);
    expect(title).toBe(
      "山海消费帮扶 · 按县区（结对区）汇总 · 2026年12月（2026-12-01 至 2026-12-31）",
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
    expect(sheet.getRow(3).values).toEqual([undefined, "大通县（雨花台区）", 385.5, 0.04, 0, 3]);
    expect(sheet.getCell("B3").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("C3").numFmt).toBe("0.00");
    expect(sheet.getRow(5).values).toEqual([undefined, "合计", 385.5, 0.04, 136, 4]);
    expect(sheet.getColumn(1).width).toBe(30);
  });
});
