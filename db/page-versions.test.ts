// The page cache is only as fresh as these counters: every table either bumps a version on
// each write (its triggers) or is declared here as never shown on a shared public page.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { engineOf, type DB } from "#db/connection";
import { createBasicCatalog, createProduct } from "../tests/factories/catalog";
import { freshDb } from "../tests/db";
import { createPaidOrder } from "../tests/factories/orders";

/** Tables no cached public page reads, and why. */
const NOT_ON_PUBLIC_PAGES: Record<string, string> = {
  carts: "personal; pages with a cart are never cached",
  cart_items: "personal",
  orders: "personal; the aid figure comes from the ledger",
  order_lines: "personal",
  payments: "personal",
  payment_events: "gateway log",
  users: "accounts; the thanks board is not cached",
  sessions: "personal",
  addresses: "personal address book",
  login_attempts: "security log",
  password_resets: "personal",
  verifications: "personal",
  outbox: "mail queue",
  cooperative_managers: "portal access",
  product_reviews: "aid office workflow; a decision changes products.status",
  audit_log: "portal history",
  shipments: "personal",
  refunds: "personal; the aid figure comes from the ledger",
  refund_lines: "personal",
  order_messages: "personal: which order events were told to the buyer",
  after_sales_requests: "personal: buyers' after-sales requests",
  after_sales_photos: "personal: photos of an after-sales request",
  invoice_requests: "personal: buyers' invoice details and numbers",
  aid_rollup_monthly: "aid office dashboard (rendered per officer)",
  aid_coop_days: "aid office dashboard",
  aid_buyer_periods: "aid office dashboard",
  aid_buyer_counts: "aid office dashboard",
  aid_buyer_days: "aid office dashboard",
  aid_buyer_gaps: "aid office dashboard (custom ranges)",
  aid_day_totals: "aid office dashboard (custom ranges)",
  aid_split_order_counts: "aid office integrity flags",
  aid_quantity_days: "aid office dashboard (integrity flags)",
  aid_targets: "aid office dashboard",
  reported_periods: "aid office dashboard",
  contribution_certificates: "certificate pages are not cached",
  page_versions: "the counters themselves",
  stored_files: "uploaded picture bytes, served by /media/<key>/<file>: a key never changes",
  favourites: "personal; signed-in pages are never cached",
  institutions: "institution accounts; the thanks board is not cached",
  institution_members: "who buys for an institution",
  counter_staff: "who works at which counter",
  counter_transfers: "counter desk and cooperative portal",
  counter_transfer_lines: "counter desk and cooperative portal",
  counter_stock_adjustments: "counter desk: stock counts",
  // The search index (fts5 and its shadow tables) is kept by triggers on products, whose
  // own triggers bump the catalogue.
  product_search: "derived from products",
  product_search_data: "derived from products",
  product_search_idx: "derived from products",
  product_search_content: "derived from products",
  product_search_docsize: "derived from products",
  product_search_config: "derived from products",
  product_search_vocab: "the search index's own vocabulary",
};

let db: DB;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

async function versions() {
  const rows = await db.selectFrom("page_versions").selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.scope, r.version]));
}

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

/** The schema's tables and triggers, from SQLite's catalogue or PostgreSQL's. */
async function schemaRows(): Promise<SchemaRow[]> {
  if (engineOf(db) === "sqlite") {
    const rows = await sql<SchemaRow>`
      select type, name, tbl_name, sql from sqlite_master
      where type in ('table', 'trigger') and name not like 'sqlite_%' and name not like 'kysely_%'
    `.execute(db);
    return rows.rows;
  }
  const tables = await sql<SchemaRow>`
    select 'table' as type, table_name as name, table_name as tbl_name, null as sql
    from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
  `.execute(db);
  // a trigger's text is its definition and its function's (where the condition is tested)
  const triggers = await sql<SchemaRow>`
    select 'trigger' as type, t.tgname as name, c.relname as tbl_name,
      pg_get_triggerdef(t.oid) || ' ' || pg_get_functiondef(t.tgfoid) as sql
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal
  `.execute(db);
  // SQLite's FTS5 keeps the search index in shadow tables PostgreSQL has no need of
  const shadow = Object.keys(NOT_ON_PUBLIC_PAGES).filter((t) => t.startsWith("product_search_"));
  return [
    ...tables.rows,
    ...shadow.map((name) => ({ type: "table", name, tbl_name: name, sql: null })),
    ...triggers.rows,
  ];
}

async function columnsOf(table: string): Promise<string[]> {
  const rows =
    engineOf(db) === "sqlite"
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = 'public' and table_name = ${table}`.execute(db);
  return rows.rows.map((c) => c.name);
}

async function tablesAndTriggers() {
  const rows = { rows: await schemaRows() };
  return {
    tables: rows.rows.filter((r) => r.type === "table").map((r) => r.name),
    triggers: rows.rows.filter((r) => r.type === "trigger" && r.name.startsWith("page_version_")),
  };
}

describe("page_versions triggers", () => {
  it("classify every table: bumped on insert, update and delete, or declared private", async () => {
    const { tables, triggers } = await tablesAndTriggers();
    const unclassified = tables.filter((table) => {
      const events = triggers.filter((t) => t.tbl_name === table).map((t) => t.name);
      const covered = ["insert", "update", "delete"].every((e) =>
        events.includes(`page_version_${table}_${e}`),
      );
      return !covered && !(table in NOT_ON_PUBLIC_PAGES);
    });
    expect(unclassified).toEqual([]);
    const declaredButGone = Object.keys(NOT_ON_PUBLIC_PAGES).filter((t) => !tables.includes(t));
    expect(declaredButGone).toEqual([]);
  });

  it("watch every product column a page may show", async () => {
    const columns = await columnsOf("products");
    const { triggers } = await tablesAndTriggers();
    // later migrations watch their new columns in triggers of their own
    // (page_version_products_update_*, and units_sold's bucket in
    // page_version_products_units_sold), leaving the first one as it landed
    const update = triggers
      .filter((t) => t.name.startsWith("page_version_products_u"))
      .map((t) => t.sql ?? "")
      .join("\n");
    const unwatched = columns.filter((c) => !new RegExp(`old\\.${c}\\b`).test(update));
    expect(unwatched).toEqual(["updated_at"]);
  });

  it("bump the catalogue on a price change, not on a sale that leaves plenty", async () => {
    const { datong } = await createBasicCatalog(db);
    const id = await createProduct(db, { cooperativeId: datong, category: "meat", stock: 41 });
    const before = await versions();

    await db
      .updateTable("products")
      .set({ stock: 40, updated_at: "x" })
      .where("id", "=", id)
      .execute();
    expect(await versions()).toEqual(before);

    await db.updateTable("products").set({ price_fen: 12_345 }).where("id", "=", id).execute();
    expect((await versions()).catalogue).toBe(before.catalogue! + 1);
    expect((await versions()).aid).toBe(before.aid);
  });

  it("bump the catalogue when units sold cross a bucket (9→10, 49→50), not within one", async () => {
    const { datong } = await createBasicCatalog(db);
    const id = await createProduct(db, { cooperativeId: datong, category: "meat", stock: 70 });
    const seen: number[] = [];
    for (const sold of [8, 9, 10, 11, 49, 50, 51, 40]) {
      await db.updateTable("products").set({ units_sold: sold }).where("id", "=", id).execute();
      seen.push((await versions()).catalogue!);
    }
    const steps = seen.map((v, i) => (i === 0 ? 0 : v - seen[i - 1]!));
    expect(steps).toEqual([0, 1, 1, 0, 0, 1, 0, 1]);
  });

  it("bump the catalogue when the stock shown changes: low, each sale when low, sold out", async () => {
    const { datong } = await createBasicCatalog(db);
    const id = await createProduct(db, { cooperativeId: datong, category: "meat", stock: 7 });
    const setStock = (stock: number) =>
      db.updateTable("products").set({ stock }).where("id", "=", id).execute();
    const seen: number[] = [];
    for (const stock of [6, 5, 4, 0, 0, 9]) {
      await setStock(stock);
      seen.push((await versions()).catalogue!);
    }
    const steps = seen.map((v, i) => (i === 0 ? 0 : v - seen[i - 1]!));
    // 7→6 still "plenty"; 6→5 and 5→4 show a count; 4→0 sold out; 0→0 nothing; 0→9 back
    expect(steps).toEqual([0, 1, 1, 1, 0, 1]);
  });

  it("bump the catalogue for each buyer review table (reviews, their pictures, the tallies)", async () => {
    // buyer_reviews, buyer_review_images and buyer_review_stats are shown on product pages and
    // cards; they are watched, not listed in NOT_ON_PUBLIC_PAGES
    const { triggers } = await tablesAndTriggers();
    for (const table of ["buyer_reviews", "buyer_review_images", "buyer_review_stats"]) {
      for (const event of ["insert", "update", "delete"]) {
        const trigger = triggers.find((t) => t.name === `page_version_${table}_${event}`);
        expect(trigger?.sql ?? "", `${table} ${event}`).toContain("scope = 'catalogue'");
      }
    }
  });

  it("bump the catalogue for a new product and the aid figure for a paid order", async () => {
    const { datong } = await createBasicCatalog(db);
    const before = await versions();
    const id = await createProduct(db, { cooperativeId: datong, category: "meat", stock: 50 });
    const listed = await versions();
    expect(listed.catalogue).toBeGreaterThan(before.catalogue!);
    await createPaidOrder(db, [{ productId: id, quantity: 2 }]);
    expect((await versions()).aid).toBeGreaterThan(listed.aid!);
  });
});
