import { beforeAll, describe, expect, it } from "vitest";
import { appendLedger } from "~/domain/aid/ledger.server";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser, TEST_PASSWORD } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { shanghaiDate } from "~/utils/time";
import * as home from "./_index";
import * as accountAid from "./account.aid/route";
import * as institutionPage from "./account.institution/route";
import * as certificatePage from "./account.aid_.certificate.$code";
import * as account from "./account._index/route";
import * as verifyPage from "./certificates.$code";
import * as login from "./login";
import * as thanks from "./thanks";

let yak: number; // Datong, ¥128
let milk: number; // Huangzhong, ¥15.80
let craft: number; // Huangzhong, not certified
const YEAR = Number(shanghaiDate(new Date()).slice(0, 4));

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 500 });
  milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    category: "dairy",
    stock: 500,
  });
  craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
    stock: 500,
  });
});

let serial = 0;
/** A shopper with an account, signed in on a fresh browser. */
async function signedIn(options: { name?: string; phone?: string } = {}) {
  const email = `aid${++serial}@example.com`;
  const userId = await createUser(await getDb(), {
    email,
    name: options.name ?? "王小明",
    phone: options.phone ?? null,
    phoneVerified: Boolean(options.phone),
    emailVerified: true,
  });
  const browser = new Browser();
  const response = await call(
    login.action,
    browser.post("/login", { login: email, password: TEST_PASSWORD }),
    {},
    browser,
  );
  expect(response.status).toBe(302);
  return { userId, email, browser };
}

async function json<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

type AidPage = {
  aid: {
    totalFen: number;
    counties: Array<{ code: string; name: string; pairedDistrict: string | null; fen: number }>;
    years: Array<{ year: number; fen: number }>;
  };
  certificates: Array<{ code: string; amountFen: number }>;
  progress: null | { targetFen: number | null; achievedFen: number; percent: number | null };
  institution: null | { name: string; totalFen: number; certifiableYears: number[] };
  profile: { thanksOptIn: boolean; publicName: string };
};

type Verification = {
  displayName: string;
  periodStart: string;
  periodEnd: string;
  issuedFen: number;
  currentFen: number;
  matches: boolean;
  check: string;
};

/** Reverses part of an order's first eligible sale entry, as a confirmed refund does. */
async function refund(orderId: number, amountFen: number) {
  const db = await getDb();
  const sale = await db
    .selectFrom("aid_ledger")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("eligible", "=", 1)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const { id: _id, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
  await db.transaction().execute((trx) =>
    appendLedger(trx, [
      {
        ...copy,
        entry_type: "refund",
        amount_fen: -amountFen,
        quantity: -1,
        occurred_at: new Date().toISOString(),
      },
    ]),
  );
}

describe("/account/aid", () => {
  it("sends visitors to sign in, and refuses posts from other sites", async () => {
    const anonymous = await call(accountAid.loader, new Browser().get("/account/aid"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Faid");
    const { browser } = await signedIn();
    const forged = await call(
      accountAid.action,
      browser.post(
        "/account/aid",
        { intent: "thanks", optIn: "1" },
        { Origin: "https://evil.example" },
      ),
    );
    expect(forged.status).toBe(403);
  });

  it("links from the account page", async () => {
    const { browser } = await signedIn();
    expect((await call(account.loader, browser.get("/account"), {}, browser)).status).toBe(200);
  });

  it("shows a shopper's two paid orders by county, then certifies and verifies them", async () => {
    const db = await getDb();
    const { userId, email, browser } = await signedIn({ phone: "13911112222" });
    const first = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId,
      input: { phone: "13911112222", email },
    });
    await createPaidOrder(
      db,
      [
        { productId: milk, quantity: 3 },
        { productId: craft, quantity: 1 },
      ],
      { userId, input: { phone: "13911112222", email } },
    );

    const page = await json<AidPage>(
      await call(accountAid.loader, browser.get("/account/aid"), {}, browser),
    );
    expect(page.aid.totalFen).toBe(2 * 12800 + 3 * 1580);
    expect(page.aid.counties).toEqual([
      { code: "datong", name: "大通县", pairedDistrict: "雨花台区", fen: 25600 },
      { code: "huangzhong", name: "湟中区", pairedDistrict: "栖霞区", fen: 4740 },
    ]);
    expect(page.aid.years).toEqual([{ year: YEAR, fen: 30340 }]);
    expect(page.progress).toBeNull();

    // a year with nothing to certify is refused next to the field
    const none = await call(
      accountAid.action,
      browser.post("/account/aid", { intent: "certificate", year: YEAR - 1 }),
      {},
      browser,
    );
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ errors: { year: "contrib.errors.nothing" } });

    const issued = await call(
      accountAid.action,
      browser.post("/account/aid", { intent: "certificate", year: YEAR }),
      {},
      browser,
    );
    expect(issued.status).toBe(302);
    const location = issued.headers.get("Location")!;
    expect(location).toMatch(
      new RegExp(`^/account/aid/certificate/SH-CERT-${YEAR}-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$`),
    );
    const code = location.split("/").pop()!;

    // the owner's printable copy carries the verification address
    const printable = await json<{
      certificate: { code: string; amountFen: number; holderName: string };
      verifyUrl: string;
    }>(await call(certificatePage.loader, browser.get(location), { code }, browser));
    expect(printable.certificate).toMatchObject({ code, amountFen: 30340, holderName: "王小明" });
    expect(printable.verifyUrl).toBe(`http://shop.test/certificates/${code}`);
    // nobody else's
    const stranger = await signedIn({ name: "张三" });
    expect(
      (
        await call(
          certificatePage.loader,
          stranger.browser.get(location),
          { code },
          stranger.browser,
        )
      ).status,
    ).toBe(404);

    // the same request again gives the same certificate while the amount stands
    const again = await call(
      accountAid.action,
      browser.post("/account/aid", { intent: "certificate", year: YEAR }),
      {},
      browser,
    );
    expect(again.headers.get("Location")).toBe(location);

    // anyone can verify: amount and period, no personal data
    const response = await call(verifyPage.loader, new Browser().get(`/certificates/${code}`), {
      code,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Robots-Tag")).toMatch(/noindex/);
    const body = await response.text();
    for (const secret of ["13911112222", email, first.number, "王小明", "user:", "phone:"]) {
      expect(body).not.toContain(secret);
    }
    expect(JSON.parse(body) as Verification).toMatchObject({
      displayName: "王**",
      periodStart: `${YEAR}-01-01`,
      periodEnd: `${YEAR}-12-31`,
      issuedFen: 30340,
      currentFen: 30340,
      matches: true,
    });
    const headers = verifyPage.headers({
      loaderHeaders: response.headers,
      parentHeaders: new Headers(),
      actionHeaders: new Headers(),
      errorHeaders: undefined,
    }) as Headers;
    expect(headers.get("Cache-Control")).toBe("private, no-store");

    // a refund after issue: the page says it differs and shows the ledger amount now
    await refund(first.id, 12800);
    const after = await json<Verification>(
      await call(verifyPage.loader, new Browser().get(`/certificates/${code}`), { code }),
    );
    expect(after).toMatchObject({
      issuedFen: 30340,
      currentFen: 30340 - 12800,
      matches: false,
      check: "lower",
    });
    // asking again now gives a new certificate for the new amount
    const reissued = await call(
      accountAid.action,
      browser.post("/account/aid", { intent: "certificate", year: YEAR }),
      {},
      browser,
    );
    expect(reissued.headers.get("Location")).not.toBe(location);
    const listed = await json<AidPage>(
      await call(accountAid.loader, browser.get("/account/aid"), {}, browser),
    );
    expect(listed.certificates.map((c) => c.amountFen)).toEqual([30340 - 12800, 30340]);
    expect(listed.aid.counties.find((c) => c.code === "datong")?.fen).toBe(12800);
  });

  it("answers an unknown certificate with a 404 that is not cached or indexed", async () => {
    for (const code of ["SH-CERT-2026-AAAAA-BBBBB", "nonsense"]) {
      const response = await call(verifyPage.loader, new Browser().get(`/certificates/${code}`), {
        code,
      });
      expect(response.status).toBe(404);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("X-Robots-Tag")).toMatch(/noindex/);
    }
  });

  it("registers an institution with clear mistakes kept, and shows its progress to every purchaser", async () => {
    const db = await getDb();
    const { userId, browser } = await signedIn({ name: "李会计" });
    const other = await signedIn({ name: "赵采购", phone: "13900000077" });
    const bad = await call(
      institutionPage.action,
      browser.post("/account/institution", {
        intent: "create",
        name: "",
        creditCode: "91350100M000100Y44",
        type: "gov_unit",
        fundingSource: "",
        reservedShareYuan: "十万",
      }),
      {},
      browser,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      intent: "create",
      errors: {
        name: "institutions.errors.name",
        creditCode: "institutions.errors.creditCode.check",
        fundingSource: "institutions.errors.fundingSource",
        reservedShareYuan: "institutions.errors.reservedShare",
      },
      values: { creditCode: "91350100M000100Y44", reservedShareYuan: "十万" },
    });
    expect(await db.selectFrom("institutions").select("id").execute()).toEqual([]);

    const created = await call(
      institutionPage.action,
      browser.post("/account/institution", {
        intent: "create",
        name: "雨花台区机关事务管理局",
        creditCode: "9135 0100 m000 100y 43",
        type: "gov_unit",
        fundingSource: "canteen",
        reservedShareYuan: "1,000.50",
      }),
      {},
      browser,
    );
    expect(created.status).toBe(302);
    const added = await call(
      institutionPage.action,
      browser.post("/account/institution", { intent: "add", login: "13900000077" }),
      {},
      browser,
    );
    expect(added.status).toBe(302);
    // the same code cannot be registered twice: said beside the field, typing kept
    const third = await signedIn({ name: "钱某" });
    const taken = await call(
      institutionPage.action,
      third.browser.post("/account/institution", {
        intent: "create",
        name: "冒名单位",
        creditCode: "91350100M000100Y43",
        type: "soe",
        fundingSource: "welfare",
      }),
      {},
      third.browser,
    );
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({
      errors: { creditCode: "institutions.errors.creditCodeTaken" },
      values: { name: "冒名单位" },
    });
    // a purchaser may not change the profile
    const refused = await call(
      institutionPage.action,
      other.browser.post("/account/institution", {
        intent: "update",
        name: "改名",
        creditCode: "91350100M000100Y43",
        type: "gov_unit",
        fundingSource: "canteen",
      }),
      {},
      other.browser,
    );
    expect(refused.status).toBe(403);

    await createPaidOrder(db, [{ productId: yak, quantity: 3 }], {
      userId: other.userId,
      input: { buyAs: "institution" },
    });
    for (const who of [{ userId, browser }, other]) {
      const page = await json<AidPage>(
        await call(accountAid.loader, who.browser.get("/account/aid"), {}, who.browser),
      );
      expect(page.progress).toEqual({
        year: YEAR,
        targetFen: 100_050,
        achievedFen: 38400,
        remainingFen: 100_050 - 38400,
        percent: 38,
      });
      expect(page.institution).toMatchObject({
        name: "雨花台区机关事务管理局",
        totalFen: 38400,
        certifiableYears: [YEAR],
      });
      // what was bought for the institution is not the person's own
      expect(page.aid.totalFen).toBe(0);
    }
    const members = await json<{ members: Array<{ name: string; role: string }> }>(
      await call(
        institutionPage.loader,
        other.browser.get("/account/institution"),
        {},
        other.browser,
      ),
    );
    expect(members.members.map((m) => [m.name, m.role])).toEqual([
      ["李会计", "admin"],
      ["赵采购", "purchaser"],
    ]);
  });
});

describe("/thanks", () => {
  it("lists only the buyers who opted in, with the name they chose", async () => {
    const db = await getDb();
    const listed = await signedIn({ name: "陈静" });
    const quiet = await signedIn({ name: "赵四" });
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { userId: listed.userId });
    await createPaidOrder(db, [{ productId: yak, quantity: 4 }], { userId: quiet.userId });

    const refused = await call(
      accountAid.action,
      listed.browser.post("/account/aid", {
        intent: "thanks",
        optIn: "1",
        thanksName: "电话13800001111",
      }),
      {},
      listed.browser,
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: { thanksName: "contrib.errors.thanksName" },
      values: { thanksName: "电话13800001111" },
    });
    const ok = await call(
      accountAid.action,
      listed.browser.post("/account/aid", { intent: "thanks", optIn: "1", thanksName: "陈老师" }),
      {},
      listed.browser,
    );
    expect(ok.status).toBe(302);

    const response = await call(thanks.loader, new Browser().get("/thanks"));
    const board = await json<{
      year: number;
      board: Array<{ rank: number; name: string; fen: number }>;
    }>(response.clone());
    expect(board.year).toBe(YEAR);
    expect(board.board).toContainEqual(expect.objectContaining({ name: "陈老师", fen: 1580 }));
    const text = await response.text();
    expect(text).not.toContain("赵");
    expect(text).not.toContain("陈静");
    expect(board.board.every((r) => r.fen > 0)).toBe(true);
    expect(board.board.map((r) => r.fen)).toEqual(
      [...board.board.map((r) => r.fen)].sort((a, b) => b - a),
    );

    // changing one's mind takes the name off
    await call(
      accountAid.action,
      listed.browser.post("/account/aid", { intent: "thanks", thanksName: "陈老师" }),
      {},
      listed.browser,
    );
    const later = await json<{ board: Array<{ name: string }> }>(
      await call(thanks.loader, new Browser().get("/thanks")),
    );
    expect(later.board.map((r) => r.name)).not.toContain("陈老师");
  });
});

describe("the home page", () => {
  it("shows this year's eligible ledger total, cooperatives reached and orders", async () => {
    const db = await getDb();
    // guests too; an uncertified sale and a partial refund
    await createPaidOrder(db, [{ productId: craft, quantity: 2 }]);
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }]);
    await refund((await createPaidOrder(db, [{ productId: yak, quantity: 1 }])).id, 2800);

    const ledger = await db
      .selectFrom("aid_ledger")
      .select((eb) => [
        eb.fn.sum<number>("amount_fen").as("fen"),
        eb.fn.count<number>("cooperative_id").distinct().as("cooperatives"),
        eb.fn.count<number>("order_id").distinct().as("orders"),
      ])
      .where("eligible", "=", 1)
      .where("day", ">=", `${YEAR}-01-01`)
      .where("day", "<=", `${YEAR}-12-31`)
      .executeTakeFirstOrThrow();
    const data = await json<{
      aid: { fen: number; cooperatives: number; orders: number };
      year: number;
    }>(await call(home.loader, new Browser().get("/")));
    expect(data.year).toBe(YEAR);
    expect(data.aid.fen).toBe(Number(ledger.fen));
    // both cooperatives sold certified goods; no order in this file was fully refunded
    expect(data.aid.cooperatives).toBe(2);
    expect(data.aid.orders).toBe(Number(ledger.orders));
  });
});
