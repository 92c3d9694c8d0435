// /transparency and its downloads: public figures by month, county and paired district, the
// ledger's digests of closed months, and never a buyer's name, phone or address.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { Browser, call } from "#tests/http";
import { markPeriodReported } from "~/domain/aid/dashboard/reported-periods.server";
import { getDb } from "~/utils/db.server";
import { shanghaiYear } from "~/utils/time";
import * as page from "./transparency/route";
import * as jsonDownload from "./transparency[.]json";
import * as csvDownload from "./transparency[.]csv";

const YEAR = shanghaiYear();
const JAN = new Date(`${YEAR}-01-15T04:00:00Z`);
const FEB = new Date(`${YEAR}-02-15T04:00:00Z`);
const PERSONAL = ["王小明", "13812345678", "软件大道", "13900001111", "李四", "phone:", "user:"];
let lastJanuaryHash = "";

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    category: "dairy",
  });
  await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { now: JAN });
  await createPaidOrder(db, [{ productId: milk, quantity: 1 }], {
    now: JAN,
    input: { contactName: "李四", phone: "13900001111" },
  });
  await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: FEB });
  await markPeriodReported(db, {
    month: `${YEAR}-01`,
    officer: { id: null, name: "援青办 王芳" } as never,
    now: FEB,
  });
  // a county name a spreadsheet would run as a formula, to see the CSV defuse it
  await db
    .updateTable("counties")
    .set({ name_en: "=HYPERLINK(1)" })
    .where("code", "=", "huangzhong")
    .execute();
  lastJanuaryHash = (
    await db
      .selectFrom("aid_ledger")
      .select("hash")
      .where("month", "=", `${YEAR}-01`)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow()
  ).hash;
});

type PageData = Awaited<ReturnType<typeof page.loader>> extends Response ? any : never; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("/transparency", () => {
  it("shows the year by county, paired district and month, and January's digest", async () => {
    const response = await call(page.loader, new Browser().get("/transparency"));
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as PageData;
    expect(report.year).toBe(YEAR);
    expect(report.yearTotalFen).toBe(3 * 12800 + 1580);
    expect(report.yearByCounty).toEqual(
      expect.arrayContaining([
        { code: "datong", aidFen: 3 * 12800 },
        { code: "huangzhong", aidFen: 1580 },
      ]),
    );
    expect(report.yearByDistrict).toEqual(
      expect.arrayContaining([expect.objectContaining({ districtZh: "雨花台区", aidFen: 38400 })]),
    );
    const january = report.months.find((m: { month: string }) => m.month === `${YEAR}-01`);
    expect(january).toMatchObject({ closed: true, totalFen: 25600 + 1580 });
    expect(january.aidFen).toMatchObject({ datong: 25600, huangzhong: 1580 });
    expect(report.months.find((m: { month: string }) => m.month === `${YEAR}-02`)).toMatchObject({
      closed: false,
      totalFen: 12800,
    });
    expect(report.digests).toEqual([
      expect.objectContaining({
        month: `${YEAR}-01`,
        entries: 2,
        aidFen: 27180,
        lastHash: lastJanuaryHash,
      }),
    ]);
    const text = JSON.stringify(report);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });

  it("shows this year for a year it does not have", async () => {
    for (const year of ["1999", "abc", String(YEAR + 1)]) {
      const response = await call(page.loader, new Browser().get(`/transparency?year=${year}`));
      expect(response.status).toBe(200);
      expect(((await response.json()) as PageData).report.year).toBe(YEAR);
    }
    const last = await call(page.loader, new Browser().get(`/transparency?year=${YEAR - 1}`));
    const { report } = (await last.json()) as PageData;
    expect(report).toMatchObject({ year: YEAR - 1, yearTotalFen: 0, digests: [] });
    expect(report.months).toHaveLength(12);
  });

  it("is kept in the shared page cache under the aid figures and the county names", () => {
    expect(page.handle.pageCache).toEqual(["aid", "catalogue"]);
  });
});

describe("the downloads", () => {
  it("JSON: the figures, the digests and how the chain is computed, nothing personal", async () => {
    const response = await call(jsonDownload.loader, new Browser().get("/transparency.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toContain(`shanhai-aid-${YEAR}.json`);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ year: YEAR, totalFen: 39980, currency: "CNY" });
    expect(body.digests[0]).toMatchObject({
      month: `${YEAR}-01`,
      entries: 2,
      lastHash: lastJanuaryHash,
    });
    expect(body.chain).toMatchObject({
      form: "shanhai-ledger-v3",
      forms: ["shanhai-ledger-v1", "shanhai-ledger-v2", "shanhai-ledger-v3"],
      genesisPrevHash: "0".repeat(64),
    });
    expect(body.months[0]).toMatchObject({ month: `${YEAR}-01`, closed: true });
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });

  it("CSV: one row per month and county, formulas defused, nothing personal", async () => {
    const response = await call(csvDownload.loader, new Browser().get("/transparency.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("month,county_code,")).toBe(true);
    const rows = text.trim().split("\r\n");
    const datongJan = rows.find((r) => r.startsWith(`${YEAR}-01,datong,`));
    expect(datongJan).toContain(",256.00,25600,yes,2,");
    expect(datongJan).toContain(lastJanuaryHash);
    expect(rows.find((r) => r.startsWith(`${YEAR}-02,datong,`))).toContain(",128.00,12800,no,,");
    expect(text).toContain("'=HYPERLINK(1)");
    expect(text).not.toMatch(/,=HYPERLINK/);
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });
});
