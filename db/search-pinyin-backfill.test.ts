// The migration that adds pinyin to products fills it in for the products already there and
// indexes it, so a store upgraded in place finds `maoniu` at once.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { createDatabase, migrateToLatest, type DB } from "./connection";
import { migrations } from "./migrations/index";

let db: DB | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-backfill-"));
afterEach(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("fills in and indexes the pinyin of existing products", async () => {
  db = createDatabase(path.join(dir, `${crypto.randomBytes(4).toString("hex")}.sqlite`));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const before = await migrator.migrateTo("20261201T0500_catalogue_indexes");
  expect(before.error).toBeUndefined();
  // rows as the store held them before: no pinyin columns yet
  await sql`insert into counties (code, name_zh, name_en, story_zh, story_en, sort)
    values ('datong', '大通县', 'Datong', '', '', 1)`.execute(db);
  await sql`insert into categories (code, name_zh, name_en, "group", sort)
    values ('meat', '肉类', 'Meat', 'agri', 1)`.execute(db);
  await sql`insert into cooperatives (slug, county_code, kind, name_zh, name_en, story_zh, story_en,
      farmers_reached, founded_year)
    values ('c', 'datong', 'cooperative', '合作社', 'Coop', '', '', 1, 2020)`.execute(db);
  await sql`insert into products (slug, cooperative_id, category_code, name_zh, name_en,
      summary_zh, summary_en, story_zh, story_en, unit_zh, unit_en, price_fen, stock, status,
      cold_chain, storage_zh, storage_en, shelf_life_days, image, featured, created_at, updated_at)
    values ('yak', 1, 'meat', '风干牦牛肉干', 'Dried yak', '', '', '', '', '1 袋', '1 bag', 100, 5,
      'active', 0, '', '', 30, '/x.svg', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(
    db,
  );
  await migrateToLatest(db);
  const row = await db
    .selectFrom("products")
    .select(["name_pinyin", "name_initials"])
    .where("slug", "=", "yak")
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ name_pinyin: "feng gan mao niu rou gan", name_initials: "fgmnrg" });
  const { rows } = await sql<{ rowid: number }>`
    select rowid from product_search where body match '"maoniu"'`.execute(db);
  expect(rows).toHaveLength(1);
});
