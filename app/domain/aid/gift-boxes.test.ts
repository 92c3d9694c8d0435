// Gift boxes in the aid ledger (ADR 044): the aid of a box goes to its components' counties
// and cooperatives, while every entry keeps the box and the cooperative that sold it, so
// the seller's figures keep the sale and the buyer sees one box with its split.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import {
  createBasicCatalog,
  createCooperative,
  createGiftBox,
  createProduct,
} from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { coopDashboard } from "../coop/dashboard.server";
import { requestRefund } from "../orders/refunds.server";
import { demoGateway } from "../payments/demo-gateway.server";
import { issueCertificate, verifyCertificate } from "./certificates.server";
import { listEntries } from "./dashboard/entries.server";
import { exportRowsFromFile } from "./exports/rows.server";
import { CHAIN_FORM } from "./ledger-chain.server";
import { verifyLedger } from "./ledger-verify.server";
import { myAid } from "./my-aid.server";
import { monthPeriod } from "./periods";
import { behindTheStoresBack as tamper } from "#tests/ledger-tamper";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number; seller: number };
let rice: number;
let tea: number;
let milk: number;
let box: number;
const PAID = new Date("2026-11-10T04:00:00Z");
const REFUNDED = new Date("2026-11-12T04:00:00Z");
const NOVEMBER = monthPeriod("2026-11");

beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  const basic = await createBasicCatalog(db);
  const seller = await createCooperative(db, { county: "datong", nameZh: "河湟田源供应链" });
  coops = { ...basic, seller };
  rice = await createProduct(db, { cooperativeId: coops.datong, nameZh: "青稞米" });
  tea = await createProduct(db, { cooperativeId: coops.huangzhong, nameZh: "枸杞芽茶" });
  milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
  box = await createGiftBox(db, {
    sellerId: coops.seller,
    priceFen: 20001,
    components: [
      { productId: rice, quantity: 1, shareBp: 6000 },
      { productId: tea, quantity: 2, shareBp: 4000 },
    ],
  });
});
afterEach(() => cleanup());

const ledger = () => db.selectFrom("aid_ledger").selectAll().orderBy("id").execute();
/** By entry type, then product: the lines of one order are written in either order. */
const byProduct = <T extends { entry_type: string; product_id: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.entry_type.localeCompare(b.entry_type) || a.product_id - b.product_id);

async function countyTotals() {
  const rows = await db
    .selectFrom("aid_ledger")
    .select((eb) => ["county_code", eb.fn.sum<number>("amount_fen").as("fen")])
    .groupBy("county_code")
    .orderBy("county_code")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.county_code, Number(r.fen)]));
}

async function buyBoxes(userId?: number) {
  return createPaidOrder(
    db,
    [
      { productId: box, quantity: 2 },
      { productId: milk, quantity: 1 },
    ],
    { now: PAID, userId },
  );
}

describe("a paid gift box", () => {
  it("credits the components' counties and keeps the box and its seller on every entry", async () => {
    const order = await buyBoxes();
    const rows = byProduct(await ledger());
    expect(
      rows.map((r) => [
        r.product_id,
        r.cooperative_id,
        r.county_code,
        r.amount_fen,
        r.quantity,
        r.bundle_product_id,
        r.seller_cooperative_id,
        r.chain_form,
      ]),
    ).toEqual([
      [rice, coops.datong, "datong", 24001, 2, box, coops.seller, CHAIN_FORM],
      [tea, coops.huangzhong, "huangzhong", 16001, 4, box, coops.seller, CHAIN_FORM],
      [milk, coops.huangzhong, "huangzhong", 1580, 1, null, coops.huangzhong, CHAIN_FORM],
    ]);
    // the split is the aid: county totals are the components', and add up to what was paid
    const paid = await db
      .selectFrom("order_lines")
      .select((eb) => eb.fn.sum<number>("line_total_fen").as("fen"))
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(await countyTotals()).toEqual({ datong: 24001, huangzhong: 16001 + 1580 });
    expect(24001 + 16001 + 1580).toBe(Number(paid.fen));
    expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 3 });
  });

  it("stays in the seller's figures, and the component cooperatives' drill-downs are unchanged", async () => {
    await buyBoxes();
    const sold = await listEntries(db, NOVEMBER, { seller: coops.seller });
    expect(sold).toMatchObject({ count: 2, amountFen: 40002 });
    expect(
      sold.rows
        .map((r) => [r.productId, r.box?.id, r.box?.sellerName])
        .sort(([a], [b]) => Number(a) - Number(b)),
    ).toEqual([
      [rice, box, "河湟田源供应链"],
      [tea, box, "河湟田源供应链"],
    ]);
    // the aid credited to a cooperative is still its components' share, not the box
    const credited = await listEntries(db, NOVEMBER, { cooperative: coops.huangzhong });
    expect(credited).toMatchObject({ count: 2, amountFen: 16001 + 1580 });
    expect(await listEntries(db, NOVEMBER, { cooperative: coops.seller })).toMatchObject({
      count: 0,
    });
    // the seller's own portal counts the boxes it sold
    const board = await coopDashboard(db, coops.seller, new Date("2026-11-20T04:00:00Z"));
    expect(board).toMatchObject({ monthSalesFen: 40002, monthAidFen: 40002, monthOrders: 1 });
  });

  it("is exported entry by entry with the box and its seller before the sales channel", async () => {
    await buyBoxes();
    // the download's own path: a cursor on the database file
    const rows: unknown[][] = [];
    for await (const row of exportRowsFromFile(file, db, { period: NOVEMBER })) rows.push(row);
    // the last column is the sales channel (ADR 051); the box and its seller come before it
    const last = (product: string) => rows.find((r) => r[5] === product)?.slice(-3, -1);
    expect(rows).toHaveLength(3);
    expect(last("青稞米")).toEqual(["三县帮扶礼包", "河湟田源供应链"]);
    expect(last("枸杞芽茶")).toEqual(["三县帮扶礼包", "河湟田源供应链"]);
    expect(rows.find((r) => r.at(-3) === "")?.at(-2)).toBe("湟中鲜奶合作社");
    expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set(["网上商城"]));
  });

  it("is reversed component by component, each reversal keeping the box and the seller", async () => {
    const order = await buyBoxes();
    await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "all" },
        restock: false,
        reason: "顾客收到的商品破损",
        actor: { id: null, name: "平台管理员 周敏" },
      },
      { gatewayFor: () => demoGateway, now: REFUNDED },
    );
    const refunds = byProduct((await ledger()).filter((r) => r.entry_type === "refund"));
    expect(
      refunds.map((r) => [
        r.product_id,
        r.amount_fen,
        r.bundle_product_id,
        r.seller_cooperative_id,
      ]),
    ).toEqual([
      [rice, -24001, box, coops.seller],
      [tea, -16001, box, coops.seller],
      [milk, -1580, null, coops.huangzhong],
    ]);
    expect(await countyTotals()).toEqual({ datong: 0, huangzhong: 0 });
    expect(await listEntries(db, NOVEMBER, { seller: coops.seller })).toMatchObject({
      count: 4,
      amountFen: 0,
    });
    expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 6 });
  });
});

describe("what the buyer sees", () => {
  it("shows a box as one item with its split, and a plain line as itself", async () => {
    const userId = await createUser(db, { name: "王小明", phone: "13812345678" });
    await buyBoxes(userId);
    const aid = await myAid(db, { id: userId });
    expect(aid.recent).toHaveLength(2);
    expect(aid.recent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "sale",
          productName: "三县帮扶礼包",
          quantity: 2,
          amountFen: 40002,
          parts: [
            {
              productName: "青稞米",
              cooperativeName: "大通牦牛合作社",
              countyName: "大通县",
              amountFen: 24001,
            },
            {
              productName: "枸杞芽茶",
              cooperativeName: "湟中鲜奶合作社",
              countyName: "湟中区",
              amountFen: 16001,
            },
          ],
        }),
        expect.objectContaining({ type: "sale", amountFen: 1580, quantity: 1, parts: null }),
      ]),
    );
    // the county totals are the split
    expect(aid.counties.map((c) => [c.code, c.fen])).toEqual([
      ["datong", 24001],
      ["huangzhong", 17581],
    ]);
  });

  it("names the box and its split by county on a certificate", async () => {
    const userId = await createUser(db, { name: "王小明", phone: "13812345678" });
    await buyBoxes(userId);
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, PAID);
    const check = await verifyCertificate(db, cert.code, "en");
    expect(check.matches).toBe(true);
    expect(check.breakdown).toEqual({
      counties: [
        { code: "datong", name: "Datong County", pairedDistrict: "Yuhuatai District", fen: 24001 },
        {
          code: "huangzhong",
          name: "Huangzhong District",
          pairedDistrict: "Qixia District",
          fen: 17581,
        },
      ],
      boxes: [
        {
          id: box,
          name: "Three-county aid gift box",
          fen: 40002,
          counties: [
            { code: "datong", name: "Datong County", fen: 24001 },
            { code: "huangzhong", name: "Huangzhong District", fen: 16001 },
          ],
        },
      ],
    });
  });
});

describe("ledger:verify and the new columns", () => {
  const behindTheStoresBack = (statement: string) => tamper(db, statement);

  for (const [column, value] of [
    ["seller_cooperative_id", "coops.datong"],
    ["bundle_product_id", "null"],
    ["chain_form", "'shanhai-ledger-v1'"],
  ] as const) {
    it(`names the entry whose ${column} was changed`, async () => {
      await buyBoxes();
      // a component's entry (the lines of one order may be written in either order)
      const first = (await ledger()).find((r) => r.product_id === rice);
      const to = value === "coops.datong" ? String(coops.datong) : value;
      await behindTheStoresBack(`update aid_ledger set ${column} = ${to} where id = ${first!.id}`);
      const result = await verifyLedger(db);
      expect(result).toMatchObject({ ok: false, brokenEntries: 1 });
      expect(result.firstBroken).toMatchObject({ id: first!.id, problem: "hash" });
    });
  }
});
