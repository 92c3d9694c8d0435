// Route tests for the aid dashboard (/aid), its drill-down (/aid/entries), yearly targets
// (/aid/targets) and reported months (/aid/periods): figures from paid orders in two
// counties, one bought by a union and one by a person, with an uncertified product apart.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call, browserWithSession } from "#tests/http";
import { appendLedger } from "~/domain/aid/ledger.server";
import { getDb } from "~/utils/db.server";
import { shanghaiDate } from "~/utils/time";
import * as dashboard from "./aid._index/route";
import * as entries from "./aid.entries/route";
import * as periods from "./aid.periods";
import * as targets from "./aid.targets";

const browsers = {} as Record<Role, Browser>;
const ids = { datong: 0, huangzhong: 0, yak: 0, milk: 0, craft: 0, unionOrder: 0 };
const MARCH = "period=month&at=2026-03";
const APRIL = "period=month&at=2026-04";
const YEAR = "period=year&at=2026";

async function signedIn(role: Role, extra: { name?: string; cooperativeIds?: number[] } = {}) {
  const { token } = await createUserWithSession(await getDb(), { role, ...extra });
  const browser = await browserWithSession(token);
  return browser;
}

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  ids.datong = coops.datong;
  ids.huangzhong = coops.huangzhong;
  await db
    .updateTable("cooperatives")
    .set({ farmers_reached: 186 })
    .where("id", "=", coops.datong)
    .execute();
  await db
    .updateTable("cooperatives")
    .set({ farmers_reached: 560 })
    .where("id", "=", coops.huangzhong)
    .execute();
  ids.yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12800,
    category: "meat",
    stock: 500,
  });
  ids.milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1500,
    category: "dairy",
    stock: 500,
  });
  ids.craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [], // sold, never counted
    stock: 500,
  });
  // a union (procurement, union funds) buys yak from Datong
  const union = await createPaidOrder(db, [{ productId: ids.yak, quantity: 10 }], {
    now: new Date("2026-03-10T02:00:00Z"),
    input: {
      buyerType: "union",
      orgName: "南京市总工会",
      fundingSource: "union_funds",
      phone: "13900000001",
    },
  });
  ids.unionOrder = union.id;
  // a person (assisted sales) buys Huangzhong milk and an uncertified craft
  await createPaidOrder(
    db,
    [
      { productId: ids.milk, quantity: 4 },
      { productId: ids.craft, quantity: 1 },
    ],
    { now: new Date("2026-03-20T04:00:00Z"), input: { phone: "13900000002" } },
  );
  browsers.shopper = await signedIn("shopper");
  browsers.coop_manager = await signedIn("coop_manager", { cooperativeIds: [coops.datong] });
  browsers.aid_officer = await signedIn("aid_officer", { name: "帮扶办 陈立" });
  browsers.admin = await signedIn("admin", { name: "平台管理员 周敏" });
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function load(handler: unknown, path: string, role: Role = "aid_officer"): Promise<Json> {
  const response = await call(handler, browsers[role].get(path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

const row = (rows: Json[], value: string | number) => rows.find((r) => r.value === String(value));

/** All entries behind a drill-down link, every page. */
async function allEntries(href: string) {
  const first = await load(entries.loader, href);
  const rows: Json[] = [...first.entries.rows];
  for (let page = 2; page <= first.entries.pages; page++) {
    rows.push(...(await load(entries.loader, `${href}&page=${page}`)).entries.rows);
  }
  return { summary: first.entries as Json, rows };
}

describe("/aid dashboard", () => {
  it("adds up eligible aid by county and district, bucket and buyer, with non-aid apart", async () => {
    const data = await load(dashboard.loader, `/aid?${MARCH}`);
    expect(data.period).toMatchObject({ start: "2026-03-01", end: "2026-03-31", label: "2026-03" });
    const { totals, breakdowns } = data.dashboard;
    expect(totals).toMatchObject({
      aidFen: 128000 + 6000,
      otherFen: 6800,
      orders: 2,
      otherOrders: 1,
      buyers: 2,
      cooperatives: 2,
      farmersReached: 186 + 560,
    });
    expect(
      breakdowns.county.map((r: Json) => [r.value, r.name, r.detail, r.aidFen, r.otherFen]),
    ).toEqual([
      ["datong", "大通县", "雨花台区", 128000, 0],
      ["huangzhong", "湟中区", "栖霞区", 6000, 6800],
    ]);
    expect(row(breakdowns.bucket, "procurement")).toMatchObject({ aidFen: 128000, otherFen: 0 });
    expect(row(breakdowns.bucket, "assisted_sales")).toMatchObject({
      aidFen: 6000,
      otherFen: 6800,
    });
    expect(row(breakdowns.buyer_type, "union")?.aidFen).toBe(128000);
    expect(row(breakdowns.buyer_type, "individual")?.aidFen).toBe(6000);
    expect(row(breakdowns.funding_source, "union_funds")?.aidFen).toBe(128000);
    expect(row(breakdowns.funding_source, "none")?.aidFen).toBe(6000);
    expect(row(breakdowns.category_group, "handicraft")).toMatchObject({
      aidFen: 0,
      otherFen: 6800,
    });
    expect(row(breakdowns.product, ids.craft)).toMatchObject({ aidFen: 0, otherFen: 6800 });
    expect(row(breakdowns.cooperative, ids.huangzhong)?.name).toBe("湟中鲜奶合作社");
    // no breakdown puts the uncertified sale into aid
    for (const dimension of Object.keys(breakdowns)) {
      const sum = breakdowns[dimension].reduce((s: number, r: Json) => s + r.aidFen, 0);
      expect(sum, dimension).toBe(totals.aidFen);
    }
    expect(data.dashboard.trend).toHaveLength(12);
    expect(data.dashboard.trend[2]).toEqual({ month: "2026-03", aidFen: 134000, otherFen: 6800 });
    expect(data.pending).toEqual({ count: 0, oldestAt: null });
  });

  it("answers for this month, quarter and year and custom ranges, and flags bad input", async () => {
    const year = await load(dashboard.loader, `/aid?${YEAR}`);
    expect(year.period).toMatchObject({ label: "2026", slow: false });
    expect(year.dashboard.totals.aidFen).toBeGreaterThanOrEqual(134000);
    const custom = await load(dashboard.loader, "/aid?period=custom&from=2026-03-15&to=2026-03-25");
    expect(custom.period).toMatchObject({ label: "2026-03-15 – 2026-03-25", slow: true });
    expect(custom.dashboard.totals).toMatchObject({ aidFen: 6000, otherFen: 6800, buyers: 1 });
    const bad = await load(dashboard.loader, "/aid?period=custom&from=2026-03-25&to=2026-03-15");
    expect(bad.errors).toEqual({ to: "dash.period.errors.order" });
    expect(bad.values).toMatchObject({ from: "2026-03-25", to: "2026-03-15" });
    const thisMonth = shanghaiDate(new Date()).slice(0, 7);
    expect(bad.period.label).toBe(thisMonth);
    expect((await load(dashboard.loader, "/aid")).period.label).toBe(thisMonth);
  });

  it("shows the range an officer typed, even with a month, quarter or year left selected", async () => {
    for (const kind of ["month", "quarter", "year", ""]) {
      const query = `${kind ? `period=${kind}&` : ""}from=2026-03-15&to=2026-03-25`;
      const typed = await load(dashboard.loader, `/aid?${query}`);
      expect(typed.period, query).toMatchObject({
        kind: "custom",
        label: "2026-03-15 – 2026-03-25",
      });
      expect(typed.dashboard.totals, query).toMatchObject({ aidFen: 6000, otherFen: 6800 });
    }
    // a half-typed range is refused beside the missing field, what was typed kept
    const half = await load(dashboard.loader, "/aid?period=month&from=2026-03-15&to=");
    expect(half.errors).toEqual({ to: "dash.period.errors.toRequired" });
    expect(half.values).toMatchObject({ period: "custom", from: "2026-03-15", to: "" });
    // a link to a given month keeps meaning that month
    const march = await load(dashboard.loader, `/aid?${MARCH}&from=2026-03-15&to=2026-03-25`);
    expect(march.period).toMatchObject({ kind: "month", label: "2026-03" });
  });

  it("takes a refund off the month it happens in", async () => {
    const db = await getDb();
    const before = (await load(dashboard.loader, `/aid?${APRIL}`)).dashboard.totals.aidFen;
    const sale = await db
      .selectFrom("aid_ledger")
      .selectAll()
      .where("order_id", "=", ids.unionOrder)
      .where("entry_type", "=", "sale")
      .executeTakeFirstOrThrow();
    const { id: _id, day: _day, month: _month, recorded_at: _at, ...copy } = sale;
    await db.transaction().execute((trx) =>
      appendLedger(
        trx,
        [
          {
            ...copy,
            entry_type: "refund",
            amount_fen: -25600,
            quantity: -2,
            occurred_at: "2026-04-03T02:00:00.000Z",
          },
        ],
        new Date("2026-04-03T02:00:00Z"),
      ),
    );
    const april = (await load(dashboard.loader, `/aid?${APRIL}`)).dashboard;
    expect(april.totals.aidFen).toBe(before - 25600);
    expect(row(april.breakdowns.county, "datong")?.aidFen).toBe(-25600);
    // March, when the yak was sold, keeps its figure
    const march = (await load(dashboard.loader, `/aid?${MARCH}`)).dashboard;
    expect(march.totals.aidFen).toBe(134000);
    // the year nets the two
    const year = (await load(dashboard.loader, `/aid?${YEAR}`)).dashboard;
    expect(row(year.breakdowns.county, "datong")?.aidFen).toBe(128000 - 25600);
    // the refund is in April's entries, negative
    const { rows } = await allEntries(`/aid/entries?${APRIL}&county=datong&eligible=1`);
    expect(rows.map((r) => [r.entryType, r.amountFen])).toEqual([["refund", -25600]]);
  });
});

describe("/aid/entries drill-down", () => {
  it("lists the entries behind each figure, adding up to it", async () => {
    const { breakdowns, totals } = (await load(dashboard.loader, `/aid?${MARCH}`)).dashboard;
    const checks: Array<[string, number]> = [
      [`/aid/entries?${MARCH}&eligible=1`, totals.aidFen],
      [`/aid/entries?${MARCH}&eligible=0`, totals.otherFen],
      [`/aid/entries?${MARCH}&county=datong&eligible=1`, row(breakdowns.county, "datong")!.aidFen],
      [
        `/aid/entries?${MARCH}&county=huangzhong&eligible=0`,
        row(breakdowns.county, "huangzhong")!.otherFen,
      ],
      [
        `/aid/entries?${MARCH}&bucket=assisted_sales&eligible=1`,
        row(breakdowns.bucket, "assisted_sales")!.aidFen,
      ],
      [
        `/aid/entries?${MARCH}&funding_source=none&eligible=1`,
        row(breakdowns.funding_source, "none")!.aidFen,
      ],
      [
        `/aid/entries?${MARCH}&cooperative=${ids.datong}&eligible=1`,
        row(breakdowns.cooperative, ids.datong)!.aidFen,
      ],
      [
        `/aid/entries?${MARCH}&product=${ids.milk}&eligible=1`,
        row(breakdowns.product, ids.milk)!.aidFen,
      ],
      [`/aid/entries?${YEAR}&month=2026-03&eligible=1`, totals.aidFen],
    ];
    for (const [href, figure] of checks) {
      const { summary, rows } = await allEntries(href);
      expect(rows.length, href).toBeGreaterThan(0);
      expect(summary.amountFen, href).toBe(figure);
      expect(
        rows.reduce((s, r) => s + r.amountFen, 0),
        href,
      ).toBe(figure);
      expect(summary.count, href).toBe(rows.length);
    }
    const datong = await load(entries.loader, `/aid/entries?${MARCH}&county=datong&eligible=1`);
    expect(datong.names).toEqual({ county: "大通县" });
    expect(datong.entries.rows[0]).toMatchObject({
      entryType: "sale",
      countyName: "大通县",
      pairedDistrict: "雨花台区",
      buyerType: "union",
      bucket: "procurement",
      fundingSource: "union_funds",
      quantity: 10,
      amountFen: 128000,
    });
    // no buyer contact leaves the server
    expect(JSON.stringify(datong)).not.toContain("13900000001");
  });

  it("answers 400 for a filter that cannot be", async () => {
    const response = await call(
      entries.loader,
      browsers.aid_officer.get(`/aid/entries?${MARCH}&bucket=gifts`),
    );
    expect(response.status).toBe(400);
  });
});

describe("/aid/targets", () => {
  it("sets yearly targets per county in whole yuan and shows progress on the dashboard", async () => {
    const b = browsers.aid_officer;
    const response = await call(
      targets.action,
      b.post("/aid/targets", { year: 2026, target_datong: "1,000,000", target_huangzhong: "" }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/aid/targets?year=2026&saved=1");
    const page = await load(targets.loader, "/aid/targets?year=2026&saved=1");
    expect(page.saved).toBe(true);
    expect(page.targets[0]).toMatchObject({
      county: "datong",
      targetFen: 100_000_000,
      setByName: "帮扶办 陈立",
    });
    expect(page.targets[1]).toMatchObject({ county: "huangzhong", targetFen: null });
    const dash = (await load(dashboard.loader, `/aid?${MARCH}`)).dashboard;
    const datong = dash.targets.find((t: Json) => t.county === "datong");
    expect(datong).toMatchObject({ targetFen: 100_000_000, pairedDistrict: "雨花台区" });
    expect(datong.percent).toBeCloseTo((datong.aidFen / 100_000_000) * 100, 1);
    // another year has none
    expect((await load(targets.loader, "/aid/targets?year=2025")).targets[0].targetFen).toBeNull();
  });

  it("keeps what was typed and puts each error beside its field", async () => {
    const response = await call(
      targets.action,
      browsers.aid_officer.post("/aid/targets", {
        year: 2026,
        target_datong: "12.5",
        target_huangzhong: "-3",
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Json;
    expect(body.errors).toEqual({
      target_datong: "dash.targets.errors.amount",
      target_huangzhong: "dash.targets.errors.amount",
    });
    expect(body.values).toMatchObject({ target_datong: "12.5", target_huangzhong: "-3" });
    const empty = await call(
      targets.action,
      browsers.aid_officer.post("/aid/targets", { year: 2026 }),
    );
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Json).errors).toEqual({ _form: "dash.targets.nothing" });
    const badYear = await call(
      targets.action,
      browsers.aid_officer.post("/aid/targets", { year: "20x6", target_datong: "100" }),
    );
    expect(((await badYear.json()) as Json).errors).toEqual({ year: "dash.targets.errors.year" });
  });

  it("refuses a POST from another site", async () => {
    const response = await call(
      targets.action,
      browsers.aid_officer.post(
        "/aid/targets",
        { year: 2026, target_datong: "5" },
        { Origin: "https://evil.example" },
      ),
    );
    expect(response.status).toBe(403);
  });
});

describe("/aid/periods", () => {
  it("marks an ended month reported, once, and shows who and when", async () => {
    const b = browsers.aid_officer;
    const ok = await call(periods.action, b.post("/aid/periods", { month: "2026-03" }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/aid/periods?reported=2026-03");
    const page = await load(periods.loader, "/aid/periods?reported=2026-03");
    expect(page.done).toBe("2026-03");
    expect(page.reported[0]).toMatchObject({
      month: "2026-03",
      reportedByName: "帮扶办 陈立",
      aidFen: 134000,
    });
    expect(page.open).not.toContain("2026-03");
    const again = await call(periods.action, b.post("/aid/periods", { month: "2026-03" }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error).toBe("dash.periods.errors.already");
    const thisMonth = shanghaiDate(new Date()).slice(0, 7);
    const early = await call(periods.action, b.post("/aid/periods", { month: thisMonth }));
    expect(early.status).toBe(400);
    expect(((await early.json()) as Json).error).toBe("dash.periods.errors.notEnded");
    // the dashboard says the month is reported
    const dash = await load(dashboard.loader, `/aid?${MARCH}`);
    expect(dash.dashboard.reportedMonths).toEqual(["2026-03"]);
  });
});

describe("who may see the dashboard", () => {
  const pages: Array<[string, unknown]> = [
    ["/aid", dashboard.loader],
    [`/aid/entries?${MARCH}`, entries.loader],
    ["/aid/targets", targets.loader],
    ["/aid/periods", periods.loader],
  ];
  const actions: Array<[string, unknown, Record<string, string>]> = [
    ["/aid/targets", targets.action, { year: "2026", target_datong: "1" }],
    ["/aid/periods", periods.action, { month: "2026-01" }],
  ];

  it("sends anonymous visitors to /login and back", async () => {
    const guest = new Browser();
    for (const [path, loader] of pages) {
      const response = await call(loader, guest.get(path));
      expect(response.status, path).toBe(302);
      const location = new URL(response.headers.get("Location")!, BASE);
      expect(location.pathname, path).toBe("/login");
      expect(location.searchParams.get("redirectTo"), path).toBe(path);
    }
    for (const [path, action, form] of actions) {
      const response = await call(action, guest.post(path, form));
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toMatch(/^\/login/);
    }
  });

  it("refuses shoppers and cooperative managers with 403, and changes nothing", async () => {
    const db = await getDb();
    for (const role of ["shopper", "coop_manager"] as const) {
      for (const [path, loader] of pages) {
        expect((await call(loader, browsers[role].get(path))).status, `${role} ${path}`).toBe(403);
      }
      for (const [path, action, form] of actions) {
        expect(
          (await call(action, browsers[role].post(path, form))).status,
          `${role} ${path}`,
        ).toBe(403);
      }
    }
    expect(
      await db
        .selectFrom("reported_periods")
        .select("month")
        .where("month", "=", "2026-01")
        .execute(),
    ).toEqual([]);
  });

  it("lets admins in as well, and never caches the figures", async () => {
    for (const [path, loader] of pages) {
      const response = await call(loader, browsers.admin.get(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Cache-Control"), path).toContain("no-store");
    }
  });
});
