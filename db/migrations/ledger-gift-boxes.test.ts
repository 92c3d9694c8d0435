// 20261203T0300_ledger_gift_boxes (ADR 044) on a ledger written before it: entries already
// chained keep their v1 hashes, get their box and seller from their order line, and
// ledger:verify still accepts them, catching an edit of the columns their hash does not cover.
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { migrateOnly, openTempStore } from "#tests/migration-db";
import {
  createBasicCatalog,
  createCooperative,
  createGiftBox,
  createProduct,
} from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import {
  CHAIN_FORM,
  CHAIN_FORM_V1,
  entryHash,
  GENESIS_HASH,
} from "~/domain/aid/ledger-chain.server";
import { verifyLedger } from "~/domain/aid/ledger-verify.server";
import { appendLedger } from "~/domain/aid/ledger.server";
import { migrations } from "./index";

const GIFT_BOXES = "20261203T0300_ledger_gift_boxes";
let db: DB;
let close: () => Promise<void>;
beforeEach(() => {
  ({ db, close } = openTempStore("shanhai-boxes-"));
});
afterEach(() => close());

const migrateTo = (names: string[]) => migrateOnly(db, names);

it("keeps v1 hashes, fills box and seller from the order line, and catches an edit of them", async () => {
  const all = Object.keys(migrations).sort();
  await migrateTo(all.filter((n) => n < GIFT_BOXES));
  const coops = await createBasicCatalog(db);
  const seller = await createCooperative(db, { county: "datong", nameZh: "河湟田源供应链" });
  const rice = await createProduct(db, { cooperativeId: coops.datong });
  const tea = await createProduct(db, { cooperativeId: coops.huangzhong });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
  const box = await createGiftBox(db, {
    sellerId: seller,
    priceFen: 10000,
    components: [
      { productId: rice, quantity: 1, shareBp: 6000 },
      { productId: tea, quantity: 1, shareBp: 4000 },
    ],
  });
  const order = await createOrder(db, [
    { productId: box, quantity: 1 },
    { productId: milk, quantity: 1 },
  ]);
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "product_id"])
    .where("order_id", "=", order.id)
    .execute();
  const boxLine = lines.find((l) => l.product_id === box)!.id;
  const milkLine = lines.find((l) => l.product_id === milk)!.id;
  // the entries the store wrote before ADR 044: chained in form v1, no box or seller
  const before = [
    [boxLine, rice, coops.datong, "datong", 6000],
    [boxLine, tea, coops.huangzhong, "huangzhong", 4000],
    [milkLine, milk, coops.huangzhong, "huangzhong", 1580],
  ] as const;
  let prev = GENESIS_HASH;
  for (const [lineId, productId, coopId, county, fen] of before) {
    const entry = {
      entry_type: "sale",
      order_id: order.id,
      order_line_id: lineId,
      refund_id: null,
      amount_fen: fen,
      quantity: 1,
      county_code: county,
      paired_district_zh: null,
      cooperative_id: coopId,
      product_id: productId,
      category_group: "agri",
      bucket: "assisted_sales",
      buyer_type: "individual",
      funding_source: "",
      buyer_key: "phone:13800000000",
      eligible: 1,
      occurred_at: "2026-11-10T04:00:00.000Z",
      day: "2026-11-10",
      month: "2026-11",
      recorded_at: "2026-11-10T04:00:01.000Z",
    };
    const hash = entryHash(prev, { ...entry, chain_form: CHAIN_FORM_V1 });
    await db
      .insertInto("aid_ledger")
      .values({ ...entry, prev_hash: prev, hash } as never)
      .execute();
    prev = hash;
  }

  await migrateTo(all);
  const rows = await db
    .selectFrom("aid_ledger")
    .select([
      "id",
      "product_id",
      "bundle_product_id",
      "seller_cooperative_id",
      "chain_form",
      "hash",
    ])
    .orderBy("id")
    .execute();
  expect(rows.map((r) => [r.product_id, r.bundle_product_id, r.seller_cooperative_id])).toEqual([
    [rice, box, seller],
    [tea, box, seller],
    [milk, null, coops.huangzhong],
  ]);
  expect(rows.every((r) => r.chain_form === CHAIN_FORM_V1)).toBe(true);
  expect(rows[2]!.hash).toBe(prev);
  expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 3, headHash: prev });

  // the store goes on in form v2 after the v1 entries
  await db.transaction().execute(async (trx) => {
    const [written] = await appendLedger(trx, [
      {
        entry_type: "refund",
        order_id: order.id,
        order_line_id: milkLine,
        refund_id: null,
        amount_fen: -1580,
        quantity: -1,
        county_code: "huangzhong",
        paired_district_zh: null,
        cooperative_id: coops.huangzhong,
        product_id: milk,
        category_group: "agri",
        bucket: "assisted_sales",
        buyer_type: "individual",
        funding_source: "",
        buyer_key: "phone:13800000000",
        eligible: 1,
        occurred_at: new Date().toISOString(),
      },
    ]);
    expect(written).toMatchObject({
      chain_form: CHAIN_FORM,
      seller_cooperative_id: coops.huangzhong,
    });
  });
  expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 4 });

  // a v1 entry's box, which its hash does not cover, changed behind the store's back
  await sql`drop trigger aid_ledger_no_update`.execute(db);
  await sql`update aid_ledger set bundle_product_id = null where id = ${rows[1]!.id}`.execute(db);
  const result = await verifyLedger(db);
  expect(result).toMatchObject({ ok: false, brokenEntries: 1 });
  expect(result.firstBroken).toMatchObject({ id: rows[1]!.id, problem: "line" });
});
