// A product's pinyin is written whenever its name is: by a cooperative manager creating or
// editing it (the seed, the tests and the benchmark write through tests/factories, see
// search.test.ts), and the search index reads it from there.
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { newProductSchema, updateProductSchema } from "../coop/product-input";
import { createProduct, updateProduct } from "../coop/products.server";

let db: DB;
let cleanup: () => Promise<void>;
const NOW = new Date("2026-11-28T04:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

const form = (nameZh: string) => ({
  nameZh,
  nameEn: "Yak",
  summaryZh: "高原放养。",
  summaryEn: "Free-range.",
  category: "meat",
  unitZh: "1 千克",
  unitEn: "1 kg",
  price: "128.00",
  stock: "40",
  shelfLifeDays: "180",
  "cert.0.kind": "aid",
  "cert.0.number": "XNXFBF-2026-0101",
  "cert.0.issuedBy": "西宁市乡村振兴局",
  "cert.0.expiresOn": "2027-12-31",
});

async function keys(id: number) {
  const row = await db
    .selectFrom("products")
    .select(["name_pinyin", "name_initials"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ body: string }>`
    select body from product_search where rowid = ${id}`.execute(db);
  return { ...row, indexed: rows[0]!.body };
}

it("stores and indexes the pinyin of a name a manager creates and then changes", async () => {
  const { datong } = await createBasicCatalog(db);
  const userId = await createUser(db, {
    role: "coop_manager",
    name: "马经理",
    cooperativeIds: [datong],
  });
  const actor = { id: userId, name: "马经理" };
  const { id } = await createProduct(db, {
    cooperativeId: datong,
    product: newProductSchema.parse(form("牦牛腱子")),
    actor,
    now: NOW,
  });
  const created = await keys(id);
  expect(created).toMatchObject({ name_pinyin: "mao niu jian zi", name_initials: "mnjz" });
  expect(created.indexed).toContain("maoniujianzi mnjz");

  await updateProduct(db, {
    cooperativeId: datong,
    productId: id,
    product: updateProductSchema.parse({ why: "", ...form("高原草莓") }),
    actor,
    now: NOW,
  });
  const edited = await keys(id);
  expect(edited).toMatchObject({ name_pinyin: "gao yuan cao mei", name_initials: "gycm" });
  expect(edited.indexed).toContain("gaoyuancaomei gycm");
  expect(edited.indexed).not.toContain("maoniu");
});
