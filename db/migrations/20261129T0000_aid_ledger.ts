// The aid ledger and what reads it: daily rollups, refunds, targets, reported periods,
// contribution certificates, institution profiles and bundle components. Frozen once landed.
import { sql, type Kysely } from "kysely";
import { createTrigger } from "./engine-sql";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("aid_ledger")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("entry_type", "text", (c) =>
      c.notNull().check(sql`entry_type in ('sale', 'refund')`),
    )
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("order_line_id", "integer", (c) => c.notNull().references("order_lines.id"))
    .addColumn("refund_id", "integer")
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("paired_district_zh", "text")
    .addColumn("cooperative_id", "integer", (c) => c.notNull())
    .addColumn("product_id", "integer", (c) => c.notNull())
    .addColumn("category_group", "text", (c) => c.notNull())
    .addColumn("bucket", "text", (c) =>
      c.notNull().check(sql`bucket in ('procurement', 'assisted_sales')`),
    )
    .addColumn("buyer_type", "text", (c) => c.notNull())
    .addColumn("funding_source", "text", (c) => c.notNull().defaultTo(""))
    /** user:<id> for accounts, phone:<mobile> for guests: who gave, for counts and certificates */
    .addColumn("buyer_key", "text", (c) => c.notNull())
    .addColumn("eligible", "integer", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    /** Shanghai calendar day and month of occurred_at */
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex("aid_ledger_day")
    .on("aid_ledger")
    .columns(["day", "eligible"])
    .execute();
  await db.schema.createIndex("aid_ledger_order").on("aid_ledger").column("order_id").execute();
  await db.schema
    .createIndex("aid_ledger_buyer")
    .on("aid_ledger")
    .columns(["buyer_key", "day"])
    .execute();
  await db.schema
    .createIndex("aid_ledger_sale_once")
    .on("aid_ledger")
    .columns(["order_line_id", "product_id"])
    .unique()
    .where(sql.ref("entry_type"), "=", "sale")
    .execute();
  // Append-only: the database itself refuses to change or remove an entry.
  await createTrigger(
    db,
    sql`create trigger aid_ledger_no_update before update on aid_ledger
    begin select raise(abort, 'aid_ledger is append-only'); end`,
  );
  await createTrigger(
    db,
    sql`create trigger aid_ledger_no_delete before delete on aid_ledger
    begin select raise(abort, 'aid_ledger is append-only'); end`,
  );

  await db.schema
    .createTable("aid_rollup_daily")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("cooperative_id", "integer", (c) => c.notNull())
    .addColumn("product_id", "integer", (c) => c.notNull())
    .addColumn("category_group", "text", (c) => c.notNull())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("buyer_type", "text", (c) => c.notNull())
    .addColumn("funding_source", "text", (c) => c.notNull())
    .addColumn("eligible", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_rollup_daily_pk", [
      "day",
      "county_code",
      "cooperative_id",
      "product_id",
      "category_group",
      "bucket",
      "buyer_type",
      "funding_source",
      "eligible",
    ])
    .execute();
  await db.schema
    .createIndex("aid_rollup_month")
    .on("aid_rollup_daily")
    .columns(["month", "eligible"])
    .execute();

  await db.schema
    .createTable("refunds")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('requested', 'succeeded', 'failed')`),
    )
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn("restock", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("gateway", "text", (c) => c.notNull())
    .addColumn("gateway_refund_id", "text")
    .addColumn("requested_by", "integer", (c) => c.references("users.id"))
    .addColumn("requested_by_name", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("failure_reason", "text")
    .execute();
  await db.schema.createIndex("refunds_order").on("refunds").column("order_id").execute();
  await db.schema
    .createTable("refund_lines")
    .addColumn("refund_id", "integer", (c) => c.notNull().references("refunds.id"))
    .addColumn("order_line_id", "integer", (c) => c.notNull().references("order_lines.id"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen > 0`))
    .addPrimaryKeyConstraint("refund_lines_pk", ["refund_id", "order_line_id"])
    .execute();

  await db.schema
    .createTable("aid_targets")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .addColumn("target_fen", "integer", (c) => c.notNull().check(sql`target_fen > 0`))
    .addColumn("set_by_name", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_targets_pk", ["year", "county_code"])
    .execute();

  // A reported month is closed: its figures no longer move; later refunds land in the
  // month they are confirmed (they always do), and are flagged for the officers.
  await db.schema
    .createTable("reported_periods")
    .addColumn("month", "text", (c) => c.primaryKey())
    .addColumn("reported_by_name", "text", (c) => c.notNull())
    .addColumn("reported_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("contribution_certificates")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("buyer_key", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    /** what the certificate shows publicly: a masked name, never contacts */
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contribution_certificates_buyer")
    .on("contribution_certificates")
    .column("buyer_key")
    .execute();

  // Institution buyers and the public thanks board (爱心榜)
  await db.schema
    .alterTable("users")
    .addColumn("buyer_type", "text", (c) => c.notNull().defaultTo("individual"))
    .execute();
  await db.schema.alterTable("users").addColumn("org_name", "text").execute();
  await db.schema.alterTable("users").addColumn("funding_source", "text").execute();
  /** 预留份额: the yearly amount a government unit must spend on aid goods, in fen */
  await db.schema.alterTable("users").addColumn("reserved_share_fen", "integer").execute();
  await db.schema
    .alterTable("users")
    .addColumn("thanks_opt_in", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("thanks_name", "text").execute();

  // A bundle (三县帮扶礼包) credits each component to its own county and cooperative.
  await db.schema
    .createTable("product_components")
    .addColumn("bundle_product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("component_product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    /** share of the bundle's price in basis points; the shares of a bundle add up to 10000 */
    .addColumn("share_bp", "integer", (c) =>
      c.notNull().check(sql`share_bp > 0 and share_bp <= 10000`),
    )
    .addPrimaryKeyConstraint("product_components_pk", ["bundle_product_id", "component_product_id"])
    .execute();

  await db.schema.createIndex("orders_created").on("orders").column("created_at").execute();

  // Back-fill: every line of an order paid before the ledger existed gets its sale entry,
  // dated when the order was paid (Shanghai is UTC+8 all year).
  await sql`
    insert into aid_ledger (entry_type, order_id, order_line_id, amount_fen, quantity, county_code,
      paired_district_zh, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, buyer_key, eligible, occurred_at, day, month)
    select 'sale', o.id, l.id, l.line_total_fen, l.quantity, l.county_code, l.paired_district_zh,
      l.cooperative_id, l.product_id, l.category_group,
      case when o.buyer_type = 'individual' then 'assisted_sales' else 'procurement' end,
      o.buyer_type, coalesce(o.funding_source, ''),
      case when o.user_id is not null then 'user:' || o.user_id else 'phone:' || o.phone end,
      l.aid_eligible, o.paid_at,
      strftime('%Y-%m-%d', o.paid_at, '+8 hours'), strftime('%Y-%m', o.paid_at, '+8 hours')
    from order_lines l join orders o on o.id = l.order_id
    where o.paid_at is not null
      and o.status in ('paid', 'partially_fulfilled', 'fulfilled', 'completed', 'refunded', 'partially_refunded')
    order by o.paid_at, l.id`.execute(db);
  await sql`
    insert into aid_rollup_daily (day, month, county_code, cooperative_id, product_id, category_group,
      bucket, buyer_type, funding_source, eligible, amount_fen, quantity, entries)
    select day, month, county_code, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, eligible, sum(amount_fen), sum(quantity), count(*)
    from aid_ledger
    group by day, month, county_code, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, eligible`.execute(db);
}
