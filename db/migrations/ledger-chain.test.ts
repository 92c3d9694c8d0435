// 20261202T0700_ledger_chain back-fills the chain with its own frozen copy of the
// serialisation: on a database written before it, the chain it leaves must be the one the
// live module (ledger-chain.server.ts) verifies, and reported months get their digests.
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { migrateOnly, openTempStore } from "#tests/migration-db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { verifyLedger } from "~/domain/aid/ledger-verify.server";
import { computeMonthDigest, listMonthDigests } from "~/domain/aid/month-digests.server";
import { appendLedger } from "~/domain/aid/ledger.server";
import { migrations } from "./index";

const CHAIN = "20261202T0700_ledger_chain";
let db: DB;
let close: () => Promise<void>;
beforeEach(() => {
  ({ db, close } = openTempStore("shanhai-chain-"));
});
afterEach(() => close());

const migrateTo = (names: string[]) => migrateOnly(db, names);

it("back-fills a chain the live verifier accepts, and digests for months already reported", async () => {
  const all = Object.keys(migrations).sort();
  await migrateTo(all.filter((n) => n < CHAIN));
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
  const order = await createOrder(db, [
    { productId: yak, quantity: 2 },
    { productId: milk, quantity: 1 },
  ]);
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "product_id", "line_total_fen", "cooperative_id", "county_code"])
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  // entries as the store wrote them before the chain: no hash columns yet
  for (const [i, line] of lines.entries()) {
    const day = i === 0 ? "2026-03-31" : "2026-04-01";
    await sql`insert into aid_ledger (entry_type, order_id, order_line_id, amount_fen, quantity,
        county_code, paired_district_zh, cooperative_id, product_id, category_group, bucket,
        buyer_type, funding_source, buyer_key, eligible, occurred_at, day, month)
      values ('sale', ${order.id}, ${line.id}, ${line.line_total_fen}, 1, ${line.county_code},
        ${i === 0 ? "雨花台区" : null}, ${line.cooperative_id}, ${line.product_id}, 'agri',
        'assisted_sales', 'individual', '', 'phone:13800000000', 1,
        ${`${day}T04:00:00.000Z`}, ${day}, ${day.slice(0, 7)})`.execute(db);
  }
  await sql`insert into reported_periods (month, reported_by_name, reported_at)
    values ('2026-03', '援青办 王芳', '2026-04-02T00:00:00.000Z')`.execute(db);

  await migrateTo(all);
  const result = await verifyLedger(db);
  expect(result).toMatchObject({ ok: true, entries: 2, brokenEntries: 0, digests: 1 });
  const [digest] = await listMonthDigests(db);
  expect(digest).toEqual({
    ...(await computeMonthDigest(db, "2026-03")),
    closedAt: "2026-04-02T00:00:00.000Z",
  });
  expect(digest).toMatchObject({ entries: 1, aidFen: 25600, lastEntryId: 1 });
  // the store continues the back-filled chain, and the append-only trigger is back
  await db.transaction().execute(async (trx) => {
    const sale = await trx
      .selectFrom("aid_ledger")
      .selectAll()
      .where("id", "=", 2)
      .executeTakeFirstOrThrow();
    const { id: _i, day: _d, month: _m, recorded_at: _r, prev_hash: _p, hash: _h, ...copy } = sale;
    await appendLedger(trx, [{ ...copy, entry_type: "refund", amount_fen: -1580, quantity: -1 }]);
  });
  expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 3 });
  await expect(sql`delete from aid_ledger where id = 1`.execute(db)).rejects.toThrow(/append-only/);
  await expect(sql`update aid_ledger set hash = 'x'`.execute(db)).rejects.toThrow(/append-only/);
});
