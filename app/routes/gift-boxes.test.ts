// Route tests for gift boxes read right (ADR 044): the buyer's /account/aid and
// certificates show the box with its split, the officer's drill-down names the box and its
// seller, and the seller's portal counts the boxes it sold.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import {
  createBasicCatalog,
  createCooperative,
  createGiftBox,
  createProduct,
} from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call, browserWithSession } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { shanghaiDate } from "~/utils/time";
import * as accountAid from "./account.aid/route";
import * as certificatePage from "./account.aid_.certificate.$code";
import * as entries from "./aid.entries/route";
import * as verifyPage from "./certificates.$code";
import * as coopHome from "./coop.$coop._index";

const YEAR = Number(shanghaiDate(new Date()).slice(0, 4));
const MONTH = `period=month&at=${shanghaiDate(new Date()).slice(0, 7)}`;
const ids = { seller: 0, datong: 0, huangzhong: 0, rice: 0, tea: 0, box: 0, userId: 0 };
let shopper: Browser;

async function signedIn(role: Role, extra: { cooperativeIds?: number[]; phone?: string } = {}) {
  const { token, userId } = await createUserWithSession(await getDb(), { role, ...extra });
  const browser = await browserWithSession(token);
  return { browser, userId };
}

type Json = Record<string, unknown>;
async function load(handler: unknown, browser: Browser, path: string, params = {}) {
  const response = await call(handler, browser.get(path), params, browser);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  ids.datong = coops.datong;
  ids.huangzhong = coops.huangzhong;
  ids.seller = await createCooperative(db, {
    county: "datong",
    slug: "hehuang-supply",
    nameZh: "河湟田源供应链",
  });
  ids.rice = await createProduct(db, { cooperativeId: coops.datong, nameZh: "青稞米" });
  ids.tea = await createProduct(db, { cooperativeId: coops.huangzhong, nameZh: "枸杞芽茶" });
  ids.box = await createGiftBox(db, {
    sellerId: ids.seller,
    priceFen: 20000,
    components: [
      { productId: ids.rice, quantity: 1, shareBp: 6000 },
      { productId: ids.tea, quantity: 1, shareBp: 4000 },
    ],
  });
  const me = await signedIn("shopper");
  shopper = me.browser;
  ids.userId = me.userId;
  await createPaidOrder(db, [{ productId: ids.box, quantity: 3 }], { userId: me.userId });
});

describe("a gift box bought", () => {
  it("is one item on /account/aid with its split by county and cooperative underneath", async () => {
    const page = await load(accountAid.loader, shopper, "/account/aid");
    const aid = page.aid as { recent: Json[]; counties: Json[] };
    expect(aid.recent).toEqual([
      expect.objectContaining({
        productName: "三县帮扶礼包",
        quantity: 3,
        amountFen: 60000,
        parts: [
          expect.objectContaining({
            countyName: "大通县",
            productName: "青稞米",
            amountFen: 36000,
          }),
          expect.objectContaining({
            countyName: "湟中区",
            productName: "枸杞芽茶",
            amountFen: 24000,
          }),
        ],
      }),
    ]);
    expect(aid.counties.map((c) => [c.code, c.fen])).toEqual([
      ["datong", 36000],
      ["huangzhong", 24000],
    ]);
  });

  it("is named with its split on the printable certificate and the public check", async () => {
    const issued = await call(
      accountAid.action,
      shopper.post("/account/aid", { intent: "certificate", year: YEAR }),
      {},
      shopper,
    );
    expect(issued.status).toBe(302);
    const location = issued.headers.get("Location")!;
    const code = location.split("/").pop()!;
    const boxes = [
      {
        id: ids.box,
        name: "三县帮扶礼包",
        fen: 60000,
        counties: [
          { code: "datong", name: "大通县", fen: 36000 },
          { code: "huangzhong", name: "湟中区", fen: 24000 },
        ],
      },
    ];
    const printable = await load(certificatePage.loader, shopper, location, { code });
    expect(printable.breakdown).toMatchObject({ boxes });
    const check = await load(verifyPage.loader, new Browser(), `/certificates/${code}`, { code });
    expect(check.breakdown).toMatchObject({
      counties: [
        { code: "datong", fen: 36000 },
        { code: "huangzhong", fen: 24000 },
      ],
      boxes,
    });
    // still nothing personal on the public page
    expect(JSON.stringify(check)).not.toMatch(/SH-\d{8}|user:|phone:/);
  });

  it("names the box and its seller in the officer's drill-down, and the seller keeps the sale", async () => {
    const { browser: officer } = await signedIn("aid_officer");
    const byCooperative = await load(
      entries.loader,
      officer,
      `/aid/entries?${MONTH}&cooperative=${ids.huangzhong}`,
    );
    const credited = byCooperative.entries as { count: number; rows: Json[] };
    expect(credited.count).toBe(1);
    expect(credited.rows[0]).toMatchObject({
      productId: ids.tea,
      box: {
        id: ids.box,
        name: "三县帮扶礼包",
        sellerId: ids.seller,
        sellerName: "河湟田源供应链",
      },
    });
    const bySeller = await load(
      entries.loader,
      officer,
      `/aid/entries?${MONTH}&seller=${ids.seller}`,
    );
    expect(bySeller.entries).toMatchObject({ count: 2, amountFen: 60000 });
    expect(bySeller.names).toEqual({ seller: "河湟田源供应链" });
    // a seller that cannot be is a 400, not a 500
    const bad = await call(entries.loader, officer.get(`/aid/entries?${MONTH}&seller=abc`));
    expect(bad.status).toBe(400);
  });

  it("counts in the selling cooperative's own portal figures", async () => {
    const { browser: manager } = await signedIn("coop_manager", { cooperativeIds: [ids.seller] });
    const page = await load(coopHome.loader, manager, "/coop/hehuang-supply", {
      coop: "hehuang-supply",
    });
    expect(page.board).toMatchObject({ monthSalesFen: 60000, monthAidFen: 60000, monthOrders: 1 });
  });
});
