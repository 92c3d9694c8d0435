import { yuanToFen } from "~/utils/money";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { DomainError, NotFoundError } from "../errors";
import {
  aidProfileSchema,
  buyerKeysOf,
  homeAidSummary,
  issueCertificate,
  maskName,
  myAid,
  newCertificateCode,
  normalizeCertificateCode,
  reservedShareProgress,
  thanksBoard,
  thanksSchema,
  updateAidProfile,
  updateThanks,
  verifyCertificate,
} from "./contributions.server";
import { appendLedger } from "./ledger.server";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let yak: number; // Datong, ¥128, certified
let milk: number; // Huangzhong, ¥15.80, certified
let craft: number; // Huangzhong, ¥68, not certified: sold, never counted
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, category: "meat" });
  milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
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

const MAY = new Date("2026-05-10T04:00:00Z");
const JUNE = new Date("2026-06-10T04:00:00Z");
const NOV = new Date("2026-11-20T04:00:00Z");
const LAST_YEAR = new Date("2025-08-01T04:00:00Z");

/** A refund of `amountFen` against the first eligible sale entry of the order, as ledger.server writes them. */
async function refund(orderId: number, amountFen: number, at: Date) {
  const sale = await db
    .selectFrom("aid_ledger")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("eligible", "=", 1)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const { id: _id, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
  await db.transaction().execute((trx) =>
    appendLedger(
      trx,
      [
        {
          ...copy,
          entry_type: "refund",
          amount_fen: -amountFen,
          quantity: -1,
          occurred_at: at.toISOString(),
        },
      ],
      at,
    ),
  );
}

async function ledgerEligibleTotal(year: number) {
  const row = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.sum<number>("amount_fen").as("s"))
    .where("eligible", "=", 1)
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.s ?? 0);
}

/** Orders with a positive eligible total in the year, counted straight from the ledger. */
async function ledgerOrders(year: number) {
  const rows = await db
    .selectFrom("aid_ledger")
    .select("order_id")
    .where("eligible", "=", 1)
    .where("entry_type", "=", "sale")
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .groupBy("order_id")
    .execute();
  return rows.length;
}

describe("whose entries are a person's", () => {
  it("is the account, plus the phone only once it is verified", () => {
    expect(buyerKeysOf({ id: 7, phone: "13900001111", phoneVerified: false })).toEqual(["user:7"]);
    expect(buyerKeysOf({ id: 7, phone: "13900001111", phoneVerified: true })).toEqual([
      "user:7",
      "phone:13900001111",
    ]);
    expect(buyerKeysOf({ id: 7, phone: null, phoneVerified: true })).toEqual(["user:7"]);
  });

  it("counts signed-in orders and guest orders with the verified phone, by year and county", async () => {
    const userId = await createUser(db, {
      name: "王小明",
      phone: "13812345678",
      phoneVerified: true,
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { userId, now: MAY });
    await createPaidOrder(
      db,
      [
        { productId: milk, quantity: 3 },
        { productId: craft, quantity: 1 },
      ],
      { userId, now: JUNE },
    );
    // a guest order with the person's phone (claimed or not, it keeps buyer_key phone:…)
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { now: NOV });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId, now: LAST_YEAR });
    // someone else's order
    await createPaidOrder(db, [{ productId: yak, quantity: 5 }], {
      now: MAY,
      input: { phone: "13700000000" },
    });

    const aid = await myAid(db, { id: userId });
    expect(aid.totalFen).toBe(2 * 12800 + 4 * 1580 + 12800);
    expect(aid.years).toEqual([
      { year: 2026, fen: 2 * 12800 + 4 * 1580 },
      { year: 2025, fen: 12800 },
    ]);
    expect(aid.counties).toEqual([
      { code: "datong", name: "大通县", pairedDistrict: "雨花台区", fen: 3 * 12800 },
      { code: "huangzhong", name: "湟中区", pairedDistrict: "栖霞区", fen: 4 * 1580 },
    ]);
    expect(aid.yearCounties).toEqual([
      expect.objectContaining({ year: 2026, code: "datong", fen: 2 * 12800 }),
      expect.objectContaining({ year: 2026, code: "huangzhong", fen: 4 * 1580 }),
      expect.objectContaining({ year: 2025, code: "datong", fen: 12800 }),
    ]);
    // the uncertified craft never shows
    expect(aid.recent.map((r) => r.amountFen)).not.toContain(6800);
    expect(aid.recent).toHaveLength(4);

    const en = await myAid(db, { id: userId }, { locale: "en" });
    expect(en.counties[0]).toMatchObject({
      name: "Datong County",
      pairedDistrict: "Yuhuatai District",
    });
  });

  it("leaves out guest orders while the phone is unverified, and subtracts refunds", async () => {
    const userId = await createUser(db, { phone: "13812345678", phoneVerified: false });
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { now: MAY });
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId,
      now: MAY,
    });
    expect((await myAid(db, { id: userId })).totalFen).toBe(12800);
    await refund(order.id, 12800, JUNE);
    const aid = await myAid(db, { id: userId });
    expect(aid.totalFen).toBe(0);
    expect(aid.recent[0]).toMatchObject({ type: "refund", amountFen: -12800 });
  });
});

describe("contribution certificates", () => {
  it("issues a numbered certificate with a masked name, and the same one while nothing moved", async () => {
    const userId = await createUser(db, { name: "王小明" });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId, now: MAY });
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(cert.code).toMatch(/^SH-CERT-2026-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(cert).toMatchObject({
      displayName: "王**",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      amountFen: 12800,
      reused: false,
    });
    const again = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(again).toMatchObject({ code: cert.code, reused: true });

    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { userId, now: NOV });
    const moved = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(moved.code).not.toBe(cert.code);
    expect(moved.amountFen).toBe(12800 + 1580);
    expect(await db.selectFrom("contribution_certificates").select("code").execute()).toHaveLength(
      2,
    );
  });

  it("names an institution in full, and refuses years with nothing to certify", async () => {
    const userId = await createUser(db, { name: "李会计" });
    await updateAidProfile(
      db,
      { id: userId },
      {
        buyerType: "union",
        orgName: "南京市总工会",
        fundingSource: "union_funds",
        reservedShareFen: null,
      },
    );
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId, now: MAY });
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(cert.displayName).toBe("南京市总工会");
    await expect(
      issueCertificate(db, { user: { id: userId }, year: 2025 }, NOV),
    ).rejects.toMatchObject({ code: "contrib.errors.nothing", status: 409 });
    for (const year of [2027, 2015, 2026.5]) {
      await expect(
        issueCertificate(db, { user: { id: userId }, year }, NOV),
      ).rejects.toBeInstanceOf(DomainError);
    }
  });

  it("verifies against the ledger without personal data: matches, lower after a refund, higher after buying more", async () => {
    const userId = await createUser(db, {
      name: "王小明",
      email: "wang@example.com",
      phone: "13812345678",
      phoneVerified: true,
    });
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId,
      now: MAY,
    });
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, JUNE);
    const ok = await verifyCertificate(db, cert.code.toLowerCase());
    expect(ok).toMatchObject({
      code: cert.code,
      displayName: "王**",
      year: 2026,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      issuedFen: 25600,
      currentFen: 25600,
      matches: true,
      check: "matches",
    });
    const text = JSON.stringify(ok);
    for (const secret of [
      "13812345678",
      "wang@example.com",
      order.number,
      "王小明",
      "user:",
      "phone:",
    ]) {
      expect(text).not.toContain(secret);
    }

    await refund(order.id, 12800, NOV);
    expect(await verifyCertificate(db, cert.code)).toMatchObject({
      issuedFen: 25600,
      currentFen: 12800,
      matches: false,
      check: "lower",
    });
    // a guest purchase with the verified phone counts for the person too
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { now: NOV });
    expect(await verifyCertificate(db, cert.code)).toMatchObject({
      currentFen: 38400,
      check: "higher",
    });

    await expect(verifyCertificate(db, "SH-CERT-2026-AAAAA-BBBBB")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(verifyCertificate(db, "' or 1=1 --")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("makes codes from an unambiguous alphabet and reads them back forgivingly", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCertificateCode(2026)));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code.slice("SH-CERT-2026-".length)).not.toMatch(/[01IO]/);
    expect(normalizeCertificateCode(" sh-cert-2026-abcde-fghjk ")).toBe("SH-CERT-2026-ABCDE-FGHJK");
    expect(normalizeCertificateCode("SH-CERT-2026-ABCDE-FGHJ0")).toBeNull();
  });

  it("masks names to the first character", () => {
    expect(maskName("王小明")).toBe("王**");
    expect(maskName("欧阳娜娜")).toBe("欧**");
    expect(maskName(" Alice ")).toBe("A**");
    expect(maskName("")).toBe("**");
  });
});

describe("the thanks board", () => {
  it("lists only buyers who opted in, by their eligible total this year", async () => {
    const a = await createUser(db, { name: "王小明" });
    const b = await createUser(db, { name: "陈静" });
    const hidden = await createUser(db, { name: "张三" });
    const nothing = await createUser(db, { name: "赵四" });
    const org = await createUser(db, { name: "李会计" });
    await updateThanks(db, { id: a }, { optIn: true, thanksName: null });
    await updateThanks(db, { id: b }, { optIn: true, thanksName: "雨花台的陈老师" });
    await updateThanks(db, { id: nothing }, { optIn: true, thanksName: null });
    await updateThanks(db, { id: org }, { optIn: true, thanksName: null });
    await updateAidProfile(
      db,
      { id: org },
      {
        buyerType: "gov_unit",
        orgName: "雨花台区机关事务管理局",
        fundingSource: "canteen",
        reservedShareFen: 1_000_000,
      },
    );
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { userId: a, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId: b, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 3 }], { userId: hidden, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { userId: org, now: MAY });
    await createPaidOrder(db, [{ productId: craft, quantity: 9 }], { userId: a, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 9 }], { userId: a, now: LAST_YEAR });

    expect(await thanksBoard(db, 2026)).toEqual([
      { rank: 1, name: "雨花台区机关事务管理局", institution: true, fen: 25600 },
      { rank: 2, name: "雨花台的陈老师", institution: false, fen: 12800 },
      { rank: 3, name: "王**", institution: false, fen: 1580 },
    ]);
    expect(await thanksBoard(db, 2026, 1)).toHaveLength(1);
    expect((await thanksBoard(db, 2025))[0]).toMatchObject({ name: "王**", fen: 9 * 12800 });

    await updateThanks(db, { id: b }, { optIn: false, thanksName: "雨花台的陈老师" });
    expect((await thanksBoard(db, 2026)).map((r) => r.name)).toEqual([
      "雨花台区机关事务管理局",
      "王**",
    ]);
  });
});

describe("the home page figure", () => {
  it("equals the ledger's eligible total, with cooperatives reached and orders", async () => {
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 0, cooperatives: 0, orders: 0 });
    const first = await createPaidOrder(
      db,
      [
        { productId: yak, quantity: 1 },
        { productId: craft, quantity: 1 },
      ],
      { now: MAY },
    );
    await createPaidOrder(db, [{ productId: craft, quantity: 2 }], { now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: LAST_YEAR });
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 12800, cooperatives: 1, orders: 1 });

    await createPaidOrder(db, [{ productId: milk, quantity: 2 }], { now: JUNE });
    expect(await homeAidSummary(db, 2026)).toEqual({
      fen: 12800 + 3160,
      cooperatives: 2,
      orders: 2,
    });
    expect((await homeAidSummary(db, 2026)).fen).toBe(await ledgerEligibleTotal(2026));

    // a full refund takes the amount and the cooperative out; the order was still placed
    await refund(first.id, 12800, NOV);
    expect(await homeAidSummary(db, 2026)).toEqual({ fen: 3160, cooperatives: 1, orders: 2 });
    expect((await homeAidSummary(db, 2026)).fen).toBe(await ledgerEligibleTotal(2026));
    expect(await homeAidSummary(db, 2025)).toEqual({ fen: 12800, cooperatives: 1, orders: 1 });
  });

  it("counts orders right as entries arrive, in every process", async () => {
    const orders = [];
    for (let i = 0; i < 6; i++) {
      orders.push(
        await createPaidOrder(db, [{ productId: i % 2 ? yak : milk, quantity: 1 }], { now: MAY }),
      );
      await homeAidSummary(db, 2026); // counted incrementally from here on
    }
    await refund(orders[0]!.id, 1580, NOV); // milk, fully
    await refund(orders[1]!.id, 100, NOV); // yak, in part
    await createPaidOrder(db, [{ productId: craft, quantity: 1 }], { now: JUNE }); // not aid
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: LAST_YEAR }); // other year
    const summary = await homeAidSummary(db, 2026);
    // orders with eligible sales paid in 2026, refunded or not (the dashboard's meaning)
    expect(summary.orders).toBe(6);
    expect(summary.orders).toBe(await ledgerOrders(2026));
    expect(summary.fen).toBe(await ledgerEligibleTotal(2026));
    // and another process, counting for the first time, agrees
    const other = createDatabase(file);
    expect(await homeAidSummary(other, 2026)).toEqual(summary);
    await other.destroy();
  });
});

describe("institutions", () => {
  it("shows progress against the yearly reserved share", async () => {
    const userId = await createUser(db);
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toBeNull();
    await updateAidProfile(
      db,
      { id: userId },
      {
        buyerType: "gov_unit",
        orgName: "栖霞区某街道办",
        fundingSource: "canteen",
        reservedShareFen: null,
      },
    );
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toMatchObject({
      targetFen: null,
      percent: null,
    });
    await updateAidProfile(
      db,
      { id: userId },
      {
        buyerType: "gov_unit",
        orgName: "栖霞区某街道办",
        fundingSource: "canteen",
        reservedShareFen: 100_000,
      },
    );
    await createPaidOrder(db, [{ productId: yak, quantity: 3 }], {
      userId,
      now: MAY,
      input: { buyerType: "gov_unit", orgName: "栖霞区某街道办", fundingSource: "canteen" },
    });
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toEqual({
      year: 2026,
      targetFen: 100_000,
      achievedFen: 38400,
      remainingFen: 61600,
      percent: 38,
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 6 }], { userId, now: JUNE });
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toMatchObject({
      remainingFen: 0,
      percent: 115,
    });
  });

  it("validates the profile and turns 元 into fen exactly", () => {
    expect(yuanToFen("12,345.6")).toBe(1_234_560);
    expect(yuanToFen("0.29")).toBe(29);
    expect(yuanToFen("1.005")).toBeNull();
    expect(yuanToFen("-5")).toBeNull();
    const bad = aidProfileSchema.safeParse({
      buyerType: "gov_unit",
      orgName: "x",
      fundingSource: "",
      reservedShareYuan: "abc",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["orgName", "contrib.errors.orgName"],
      ["fundingSource", "contrib.errors.fundingSource"],
      ["reservedShareYuan", "contrib.errors.reservedShare"],
    ]);
    expect(
      aidProfileSchema.parse({
        buyerType: "individual",
        orgName: "留着也没用",
        fundingSource: "canteen",
        reservedShareYuan: "100",
      }),
    ).toEqual({
      buyerType: "individual",
      orgName: null,
      fundingSource: null,
      reservedShareFen: null,
    });
    expect(
      aidProfileSchema.parse({
        buyerType: "gov_unit",
        orgName: " 雨花台区教育局 ",
        fundingSource: "canteen",
        reservedShareYuan: "300000",
      }),
    ).toEqual({
      buyerType: "gov_unit",
      orgName: "雨花台区教育局",
      fundingSource: "canteen",
      reservedShareFen: 30_000_000,
    });
  });

  it("keeps contacts off the thanks board", () => {
    expect(thanksSchema.parse({ optIn: "1", thanksName: " 陈老师 " })).toEqual({
      optIn: true,
      thanksName: "陈老师",
    });
    expect(thanksSchema.parse({})).toEqual({ optIn: false, thanksName: null });
    for (const thanksName of [
      "138 1234 5678",
      "me@example.com",
      "一二三四五六七八九十一二三四五六七八九十一",
    ]) {
      expect(thanksSchema.safeParse({ optIn: "1", thanksName }).success, thanksName).toBe(false);
    }
  });
});
