// Frozen once landed: change the schema with a new timestamped migration.
import { sql, type Kysely } from "kysely";
import { createTrigger, installSqliteFunctions, onPostgres } from "./engine-sql";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) await installSqliteFunctions(db);
  await db.schema
    .createTable("counties")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("paired_district_zh", "text")
    .addColumn("paired_district_en", "text")
    .addColumn("story_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("group", "text", (c) => c.notNull().check(sql`"group" in ('agri', 'handicraft')`))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("cooperatives")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("story_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("farmers_reached", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("founded_year", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .execute();
  await db.schema
    .createIndex("cooperatives_county")
    .on("cooperatives")
    .column("county_code")
    .execute();

  await db.schema
    .createTable("products")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("category_code", "text", (c) => c.notNull().references("categories.code"))
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("summary_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unit_zh", "text", (c) => c.notNull())
    .addColumn("unit_en", "text", (c) => c.notNull())
    .addColumn("price_fen", "integer", (c) => c.notNull().check(sql`price_fen > 0`))
    .addColumn("reference_price_fen", "integer")
    // The last line of defence: no code path can oversell, even one with a bug.
    .addColumn("stock", "integer", (c) => c.notNull().check(sql`stock >= 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'pending_review', 'active', 'archived')`),
    )
    .addColumn("cold_chain", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("storage_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("storage_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("shelf_life_days", "integer", (c) => c.notNull())
    .addColumn("image", "text", (c) => c.notNull())
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("products_status_created")
    .on("products")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("products_status_price")
    .on("products")
    .columns(["status", "price_fen"])
    .execute();
  await db.schema
    .createIndex("products_cooperative")
    .on("products")
    .column("cooperative_id")
    .execute();
  await db.schema.createIndex("products_category").on("products").column("category_code").execute();

  await db.schema
    .createTable("product_certifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("product_id", "integer", (c) =>
      c.notNull().references("products.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("expires_on", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("product_certifications_product")
    .on("product_certifications")
    .columns(["product_id", "kind"])
    .execute();
  await db.schema
    .createIndex("product_certifications_kind")
    .on("product_certifications")
    .columns(["kind", "expires_on", "product_id"])
    .execute();

  await db.schema
    .createTable("collections")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("intro_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("intro_en", "text", (c) => c.notNull().defaultTo(""))
    // A counter of certified goods shows a product only while its certificates are valid.
    .addColumn("certified_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("collection_products")
    .addColumn("collection_slug", "text", (c) =>
      c.notNull().references("collections.slug").onDelete("cascade"),
    )
    .addColumn("product_id", "integer", (c) =>
      c.notNull().references("products.id").onDelete("cascade"),
    )
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("collection_products_pk", ["collection_slug", "product_id"])
    .execute();

  await db.schema
    .createTable("carts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("cart_items")
    .addColumn("cart_id", "text", (c) => c.notNull().references("carts.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) =>
      c.notNull().references("products.id").onDelete("cascade"),
    )
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity between 1 and 99`))
    .addColumn("added_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .addPrimaryKeyConstraint("cart_items_pk", ["cart_id", "product_id"])
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("access_token_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("buyer_type", "text", (c) => c.notNull())
    .addColumn("org_name", "text")
    .addColumn("funding_source", "text")
    .addColumn("invoice_title", "text")
    .addColumn("tax_id", "text")
    .addColumn("note", "text")
    .addColumn("subtotal_fen", "integer", (c) => c.notNull())
    .addColumn("shipping_fen", "integer", (c) => c.notNull())
    .addColumn("total_fen", "integer", (c) => c.notNull().check(sql`total_fen > 0`))
    .addColumn("aid_eligible_fen", "integer", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("zh-CN"))
    .addColumn("payment_gateway", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("paid_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("stock_released", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("orders_status_expires")
    .on("orders")
    .columns(["status", "expires_at"])
    .execute();
  await db.schema
    .createIndex("orders_phone")
    .on("orders")
    .columns(["phone", "created_at"])
    .execute();
  await db.schema.createIndex("orders_paid_at").on("orders").column("paid_at").execute();

  await db.schema
    .createTable("order_lines")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("product_slug", "text", (c) => c.notNull())
    .addColumn("product_name_zh", "text", (c) => c.notNull())
    .addColumn("product_name_en", "text", (c) => c.notNull())
    .addColumn("unit_zh", "text", (c) => c.notNull())
    .addColumn("unit_en", "text", (c) => c.notNull())
    .addColumn("image", "text", (c) => c.notNull())
    .addColumn("unit_price_fen", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("line_total_fen", "integer", (c) => c.notNull())
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("cooperative_name_zh", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("paired_district_zh", "text")
    .addColumn("category_code", "text", (c) => c.notNull())
    .addColumn("category_group", "text", (c) => c.notNull())
    .addColumn("cold_chain", "integer", (c) => c.notNull())
    .addColumn("aid_eligible", "integer", (c) => c.notNull())
    .addColumn("aid_cert_number", "text")
    .execute();
  await db.schema.createIndex("order_lines_order").on("order_lines").column("order_id").execute();
  await db.schema
    .createIndex("order_lines_product")
    .on("order_lines")
    .column("product_id")
    .execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("gateway", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("external_url", "text")
    .addColumn("created_at", "text", (c) =>
      c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("payments_order_attempt", ["order_id", "attempt"])
    .execute();

  await db.schema
    .createTable("payment_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("gateway", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("order_id", "integer")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("payment_events_order")
    .on("payment_events")
    .column("order_id")
    .execute();

  // Search index (SQLite-specific; the search module is the only reader). The trigram
  // tokenizer matches any substring, which is what Chinese needs: 牦牛 inside 大通牦牛腱子.
  if (onPostgres(db)) {
    // PostgreSQL's counterpart: the same text per product, found by pg_trgm's trigram index.
    await sql`create table product_search (rowid bigint primary key, body text not null)`.execute(
      db,
    );
    await sql`create index product_search_trigrams on product_search using gin (body gin_trgm_ops)`.execute(
      db,
    );
  } else {
    await sql`create virtual table product_search using fts5(body, tokenize = 'trigram')`.execute(
      db,
    );
  }
  const body = sql.raw(`
      new.name_zh || ' ' || new.name_en || ' ' || new.summary_zh || ' ' || new.summary_en || ' ' ||
      coalesce((select c.name_zh || ' ' || c.name_en from cooperatives c where c.id = new.cooperative_id), '') || ' ' ||
      coalesce((select k.name_zh || ' ' || k.name_en from categories k where k.code = new.category_code), '') || ' ' ||
      coalesce((select y.name_zh || ' ' || y.name_en from cooperatives c join counties y on y.code = c.county_code where c.id = new.cooperative_id), '')`);
  await createTrigger(
    db,
    sql`create trigger products_search_insert after insert on products begin
      insert into product_search(rowid, body) values (new.id, ${body});
    end`,
  );
  await createTrigger(
    db,
    sql`create trigger products_search_update after update of name_zh, name_en, summary_zh, summary_en, cooperative_id, category_code on products begin
      delete from product_search where rowid = old.id;
      insert into product_search(rowid, body) values (new.id, ${body});
    end`,
  );
  await createTrigger(
    db,
    sql`create trigger products_search_delete after delete on products begin
      delete from product_search where rowid = old.id;
    end`,
  );
}
