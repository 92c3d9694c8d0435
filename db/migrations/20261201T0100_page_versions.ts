// Shared public pages (the catalogue, the home page's aid figure) are rendered once and kept
// in each app process's page cache (server/page-cache.js). A cached page is valid only while
// the versions of what it shows are unchanged, so every write that changes what such a page
// shows bumps a version here, in the same transaction as the write, whichever process or
// server made it. Triggers, not application code, so that no write path can forget.
// Frozen once landed: a new table shown on public pages gets its triggers in a new migration
// (db/page-versions.test.ts fails until every table is classified).
import { sql, type Kysely } from "kysely";
import { createTrigger } from "./engine-sql";

/** Tables whose every change may alter a catalogue page. */
const CATALOGUE_TABLES = [
  "counties",
  "categories",
  "cooperatives",
  "product_certifications",
  "collections",
  "collection_products",
  "product_images",
  "product_components",
];

/** Tables behind the aid figures on public pages (the home page's total). */
const AID_TABLES = ["aid_ledger", "aid_rollup_daily", "aid_orders_daily"];

/**
 * What a page shows of a product's stock: sold out, the count when five or fewer are left,
 * otherwise just "in stock" (app/domain/catalog/stock-shown.ts). A sale that leaves 40 of
 * 41 changes nothing shown, so it does not empty the cache in the middle of a rush.
 */
const SHOWN_STOCK = (row: "old" | "new") => `max(min(${row}.stock, 6), 0)`;

/** Every product column a page may show: all but stock (above) and updated_at. */
const PRODUCT_SHOWN_COLUMNS = [
  "id",
  "slug",
  "cooperative_id",
  "category_code",
  "name_zh",
  "name_en",
  "summary_zh",
  "summary_en",
  "story_zh",
  "story_en",
  "unit_zh",
  "unit_en",
  "price_fen",
  "reference_price_fen",
  "status",
  "cold_chain",
  "storage_zh",
  "storage_en",
  "shelf_life_days",
  "image",
  "featured",
  "harvest_season_zh",
  "harvest_season_en",
  "created_at",
];

const bump = (scope: string) =>
  `update page_versions set version = version + 1 where scope = '${scope}';`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table page_versions (
      scope text primary key,
      version integer not null default 0
    ) strict, without rowid`.execute(db);
  await sql`insert into page_versions (scope, version) values ('catalogue', 1), ('aid', 1)`.execute(
    db,
  );
  for (const [scope, tables] of [
    ["catalogue", CATALOGUE_TABLES],
    ["aid", AID_TABLES],
  ] as const) {
    for (const table of tables) {
      for (const event of ["insert", "update", "delete"]) {
        await createTrigger(
          db,
          `create trigger page_version_${table}_${event} after ${event} on ${table}
             begin ${bump(scope)} end`,
        );
      }
    }
  }
  for (const event of ["insert", "delete"]) {
    await createTrigger(
      db,
      `create trigger page_version_products_${event} after ${event} on products
         begin ${bump("catalogue")} end`,
    );
  }
  const changed = PRODUCT_SHOWN_COLUMNS.map((c) => `old.${c} is not new.${c}`).join(" or ");
  await createTrigger(
    db,
    `create trigger page_version_products_update after update on products
       when ${changed} or ${SHOWN_STOCK("old")} is not ${SHOWN_STOCK("new")}
       begin ${bump("catalogue")} end`,
  );
}
