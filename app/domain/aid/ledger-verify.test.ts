// The tamper-evident ledger (ADR 040): the chain the store writes, the month digests, and
// ledger:verify finding exactly what was changed behind the store's back.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb, scriptEnv } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { demoGateway } from "../payments/demo-gateway.server";
import { requestRefund } from "../orders/refunds.server";
import { markPeriodReported } from "./dashboard/reported-periods.server";
import { entryHash, GENESIS_HASH } from "./ledger-chain.server";
import { appendLedger } from "./ledger.server";
import { formatLedgerVerification, verifyLedger } from "./ledger-verify.server";
import { computeMonthDigest, listMonthDigests } from "./month-digests.server";
import { behindTheStoresBack as tamper } from "#tests/ledger-tamper";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const officer = { id: null, name: "援青办 王芳" } as never;
const MARCH = new Date("2026-03-10T04:00:00Z");
const APRIL = new Date("2026-04-12T04:00:00Z");
const MAY = new Date("2026-05-03T04:00:00Z");

const entries = () => db.selectFrom("aid_ledger").selectAll().orderBy("id").execute();

/** Sales in March and April (two counties, one not certified), a refund in April. */
async function aYear() {
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    category: "dairy",
  });
  const craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
  });
  const march = await createPaidOrder(
    db,
    [
      { productId: yak, quantity: 2 },
      { productId: milk, quantity: 3 },
    ],
    { now: MARCH },
  );
  await createPaidOrder(db, [{ productId: craft, quantity: 1 }], { now: MARCH });
  const april = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { now: APRIL });
  await requestRefund(
    db,
    {
      orderId: march.id,
      selection: { mode: "all" },
      restock: false,
      reason: "顾客收到的商品破损",
      actor: { id: null, name: "平台管理员 周敏" },
    },
    { gatewayFor: () => demoGateway, now: APRIL },
  );
  return { yak, milk, march, april };
}

const behindTheStoresBack = (statement: string) => tamper(db, statement);

describe("the ledger's hash chain", () => {
  it("links every entry to the one before, across sales and refunds", async () => {
    await aYear();
    const rows = await entries();
    expect(rows.map((r) => r.entry_type)).toEqual([
      "sale",
      "sale",
      "sale",
      "sale",
      "refund",
      "refund",
    ]);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(row.hash).toBe(entryHash(prev, row));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = row.hash;
    }
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: true, entries: 6, brokenEntries: 0, headHash: prev });
    expect(formatLedgerVerification(result)).toMatch(/^ledger:verify: ok — 6 entries chained/);
  });

  it("is refused by the database when an entry does not continue it", async () => {
    await aYear();
    const [first] = await entries();
    const { id: _id, ...copy } = first!;
    const insert = (values: Partial<typeof copy>) =>
      db
        .insertInto("aid_ledger")
        .values({ ...copy, entry_type: "refund", amount_fen: -1, ...values })
        .execute();
    // a fork off an old entry, and an entry with no hash at all
    await expect(insert({})).rejects.toThrow(/does not continue the hash chain/);
    const [last] = await db
      .selectFrom("aid_ledger")
      .select("hash")
      .orderBy("id", "desc")
      .limit(1)
      .execute();
    await expect(insert({ prev_hash: last!.hash, hash: "" })).rejects.toThrow(/hash chain/);
    expect(await entries()).toHaveLength(6);
  });

  it("names exactly the entry whose amount was changed behind the store's back", async () => {
    await aYear();
    const rows = await entries();
    const target = rows[2]!; // the April sale
    await behindTheStoresBack(
      `update aid_ledger set amount_fen = amount_fen * 10 where id = ${target.id}`,
    );
    // the triggers are back: the store itself still cannot change an entry
    await expect(sql`update aid_ledger set amount_fen = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    const result = await verifyLedger(db);
    const order = await db
      .selectFrom("orders")
      .select("number")
      .where("id", "=", target.order_id)
      .executeTakeFirstOrThrow();
    expect(result.ok).toBe(false);
    expect(result.brokenEntries).toBe(1);
    expect(result.firstBroken).toEqual({
      id: target.id,
      day: target.day,
      occurredAt: target.occurred_at,
      orderId: target.order_id,
      orderNumber: order.number,
      problem: "hash",
    });
    expect(formatLedgerVerification(result)).toContain(
      `first entry that does not match: id ${target.id}, ${target.day}`,
    );
  });

  it("names the entry after one that was deleted", async () => {
    await aYear();
    const rows = await entries();
    await behindTheStoresBack(`delete from aid_ledger where id = ${rows[1]!.id}`);
    const result = await verifyLedger(db);
    expect(result.ok).toBe(false);
    expect(result.brokenEntries).toBe(1);
    expect(result.firstBroken).toMatchObject({ id: rows[2]!.id, problem: "link" });
  });
});

describe("month digests", () => {
  it("seal a month when it is reported: count, county totals and its last hash", async () => {
    await aYear();
    await markPeriodReported(db, { month: "2026-03", officer, now: APRIL });
    const [digest] = await listMonthDigests(db);
    const march = (await entries()).filter((r) => r.month === "2026-03");
    expect(march).toHaveLength(3);
    expect(digest).toMatchObject({
      month: "2026-03",
      entries: 3,
      aidFen: 2 * 12800 + 3 * 1580,
      otherFen: 6800,
      lastEntryId: march[2]!.id,
      lastHash: march[2]!.hash,
      closedAt: APRIL.toISOString(),
    });
    expect(digest!.counties).toEqual([
      { county: "datong", entries: 1, aidFen: 25600, otherFen: 0 },
      { county: "huangzhong", entries: 2, aidFen: 4740, otherFen: 6800 },
    ]);
    // an entry dated in March but written in May lands in May; the digest still holds
    const {
      id: _id,
      day: _d,
      month: _m,
      recorded_at: _r,
      prev_hash: _p,
      hash: _h,
      ...copy
    } = march[0]!;
    await db.transaction().execute((trx) =>
      appendLedger(
        trx,
        [
          {
            ...copy,
            order_line_id: copy.order_line_id,
            entry_type: "refund",
            amount_fen: -100,
            quantity: -1,
          },
        ],
        MAY,
      ),
    );
    expect((await entries()).at(-1)).toMatchObject({
      month: "2026-05",
      prev_hash: (await entries()).at(-2)!.hash,
    });
    expect(await computeMonthDigest(db, "2026-03")).toMatchObject({
      entries: 3,
      lastHash: march[2]!.hash,
    });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("find a digest edited behind the store's back, and a reported month without one", async () => {
    await aYear();
    await markPeriodReported(db, { month: "2026-03", officer, now: APRIL });
    await markPeriodReported(db, { month: "2026-04", officer, now: MAY });
    expect((await verifyLedger(db)).ok).toBe(true);

    await db
      .updateTable("aid_month_digests")
      .set({ aid_fen: 1 })
      .where("month", "=", "2026-04")
      .execute();
    let result = await verifyLedger(db);
    expect(result.ok).toBe(false);
    expect(result.brokenEntries).toBe(0);
    expect(result.brokenDigests).toEqual([{ month: "2026-04", fields: ["aidFen"] }]);
    expect(formatLedgerVerification(result)).toContain("month 2026-04: the digest does not match");

    await db.deleteFrom("aid_month_digests").where("month", "=", "2026-03").execute();
    result = await verifyLedger(db);
    expect(result.brokenDigests.map((d) => d.month)).toEqual(["2026-03", "2026-04"]);
    expect(result.brokenDigests[0]!.fields).toEqual(["missing"]);
  });

  it("find an entry deleted from a sealed month even when it was the chain's last", async () => {
    await aYear();
    await markPeriodReported(db, { month: "2026-04", officer, now: MAY });
    const rows = await entries();
    await behindTheStoresBack(`delete from aid_ledger where id = ${rows[rows.length - 1]!.id}`);
    const result = await verifyLedger(db);
    expect(result.brokenEntries).toBe(0); // nothing after it to notice
    expect(result.brokenDigests).toEqual([
      { month: "2026-04", fields: ["entries", "aidFen", "lastEntryId", "lastHash", "counties"] },
    ]);
  });
});

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../..", import.meta.url));

/** `npm run ledger:verify` against the test's database file: exit code and output. */
async function ledgerVerifyCommand(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(root, "scripts/ledger-verify.ts")],
      { cwd: root, env: scriptEnv(file) },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "" };
  }
}

describe("npm run ledger:verify", () => {
  it("exits 0 with one line when all match, 1 naming the changed entry", async () => {
    await aYear();
    const ok = await ledgerVerifyCommand();
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split("\n")).toHaveLength(1);
    expect(ok.stdout).toMatch(/^ledger:verify: ok — 6 entries chained, 0 month digests match/);

    const target = (await entries())[3]!;
    await behindTheStoresBack(
      `update aid_ledger set county_code = 'huangyuan' where id = ${target.id}`,
    );
    const broken = await ledgerVerifyCommand();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      `first entry that does not match: id ${target.id}, ${target.day}`,
    );
  }, 60_000);
});
