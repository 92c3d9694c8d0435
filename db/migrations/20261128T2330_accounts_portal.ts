// Accounts, roles, the cooperative portal (reviews, images, audit log) and shipments.
// Frozen once landed.
import { sql, type Kysely } from "kysely";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("phone", "text", (c) => c.unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('shopper', 'coop_manager', 'aid_officer', 'admin')`),
    )
    .addColumn("email_verified_at", "text")
    .addColumn("phone_verified_at", "text")
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("users_login", sql`email is not null or phone is not null`)
    .execute();

  await db.schema
    .createTable("sessions")
    // sha256 of the cookie's token: a stolen database does not yield live sessions
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("account_key", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_account")
    .on("login_attempts")
    .columns(["account_key", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempts_ip")
    .on("login_attempts")
    .columns(["ip", "at"])
    .execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("verifications")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('email', 'phone')`))
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("to", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("sent_at", "text")
    .execute();

  await db.schema
    .createTable("cooperative_managers")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("cooperative_id", "integer", (c) =>
      c.notNull().references("cooperatives.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("cooperative_managers_pk", ["user_id", "cooperative_id"])
    .execute();
  await db.schema
    .createIndex("cooperative_managers_coop")
    .on("cooperative_managers")
    .column("cooperative_id")
    .execute();

  await db.schema
    .alterTable("carts")
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("carts_user").on("carts").column("user_id").unique().execute();
  await db.schema
    .alterTable("orders")
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("orders_user")
    .on("orders")
    .columns(["user_id", "created_at"])
    .execute();
  await db.schema.createIndex("orders_email").on("orders").column("email").execute();

  await db.schema.alterTable("products").addColumn("harvest_season_zh", "text").execute();
  await db.schema.alterTable("products").addColumn("harvest_season_en", "text").execute();

  // Every approval is on record (谁审核谁负责): who asked, who decided, what and why.
  await db.schema
    .createTable("product_reviews")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("reason", "text", (c) =>
      c.notNull().check(sql`reason in ('new', 'changed', 'price_raise')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'withdrawn')`),
    )
    /** JSON of the fields under review (e.g. the proposed price) */
    .addColumn("proposal", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .execute();
  await db.schema
    .createIndex("product_reviews_status")
    .on("product_reviews")
    .columns(["status", "submitted_at"])
    .execute();
  await db.schema
    .createIndex("product_reviews_product")
    .on("product_reviews")
    .columns(["product_id", "status"])
    .execute();

  await db.schema
    .createTable("product_images")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("product_id", "integer", (c) => c.references("products.id"))
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id"))
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("cooperative_id", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("why", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_entity")
    .on("audit_log")
    .columns(["entity", "entity_id", "at"])
    .execute();

  await db.schema
    .createTable("shipments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'packed', 'shipped', 'delivered', 'cancelled')`),
    )
    .addColumn("cold_chain", "integer", (c) => c.notNull())
    /** cold-chain goods must leave within 48 h of payment */
    .addColumn("ship_by", "text")
    .addColumn("carrier", "text")
    .addColumn("tracking_number", "text")
    .addColumn("packed_at", "text")
    .addColumn("shipped_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("shipments_order_coop", ["order_id", "cooperative_id"])
    .execute();
  await db.schema
    .createIndex("shipments_coop_status")
    .on("shipments")
    .columns(["cooperative_id", "status", "created_at"])
    .execute();
}
