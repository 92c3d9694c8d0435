// What the aid dashboard reads so that a year of a million orders answers in milliseconds
// (docs/decisions/012-aid-dashboard-rollups.md): a monthly rollup beside the daily one, and
// small counting tables for what cannot be summed from sums (orders, buyers, cooperatives).
// All are maintained by appendLedger in the transaction that writes the entries, and
// back-filled here from aid_ledger. Frozen once landed.
import { sql, type Kysely } from "kysely";

/** aid_month_totals dimensions and the ledger column each sums by (frozen with this file). */
const MONTH_TOTAL_DIMENSIONS: Record<string, string> = {
  all: "''",
  county: "county_code",
  bucket: "bucket",
  buyer_type: "buyer_type",
  funding_source: "funding_source",
  category_group: "category_group",
  cooperative: "cooperative_id",
  product: "product_id",
  month: "month",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Same dimensions as aid_rollup_daily, one row per month instead of per day: a year is
  // twelve months of rows rather than 365 days of them.
  await db.schema
    .createTable("aid_rollup_monthly")
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
    .addPrimaryKeyConstraint("aid_rollup_monthly_pk", [
      "month",
      "county_code",
      "cooperative_id",
      "product_id",
      "category_group",
      "bucket",
      "buyer_type",
      "funding_source",
      "eligible",
    ])
    // rows live in primary-key order, so a range of months is one contiguous read
    .modifyEnd(sql`without rowid`)
    .execute();

  // One-dimensional monthly sums: for each dimension the dashboard breaks down by, the
  // amount per value per month. A year's breakdown by county reads 12 × counties × 2 rows
  // instead of grouping the whole monthly rollup. Dimension "all" (value "") is the total.
  await db.schema
    .createTable("aid_month_totals")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("eligible", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_month_totals_pk", ["dimension", "month", "value", "eligible"])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Orders with at least one sale entry that day, eligible and not apart. An order's sale
  // entries all carry the moment it was paid, so an order falls on exactly one day and
  // these counts add up over any range of days.
  await db.schema
    .createTable("aid_orders_daily")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("eligible", "integer", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_orders_daily_pk", ["day", "eligible"])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Cooperatives with an eligible sale that day: at most (cooperatives × days) rows, so
  // "cooperatives reached" over any range is a distinct over a few thousand keys.
  await db.schema
    .createTable("aid_coop_days")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("cooperative_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_coop_days_pk", ["day", "cooperative_id"])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Buyers with an eligible sale in a calendar period: period is "2026" (year), "2026-Q4"
  // (quarter) or "2026-11" (month), all Shanghai calendar. Counting a period's buyers is
  // a count over one primary-key range; `buyers` keeps that count ready.
  await db.schema
    .createTable("aid_buyer_periods")
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("buyer_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_buyer_periods_pk", ["period", "buyer_key"])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createTable("aid_buyer_counts")
    .addColumn("period", "text", (c) => c.primaryKey())
    .addColumn("buyers", "integer", (c) => c.notNull())
    .execute();

  // Buyers with an eligible sale that day: for custom ranges that do not end on month
  // boundaries, the days at either end are counted from here, the whole months between
  // from aid_buyer_periods.
  await db.schema
    .createTable("aid_buyer_days")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("buyer_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_buyer_days_pk", ["day", "buyer_key"])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Drill-down pages list entries newest first within a range of days.
  await db.schema.createIndex("aid_ledger_day_only").on("aid_ledger").column("day").execute();

  // Back-fill from the ledger, which is the source of truth.
  await sql`
    insert into aid_rollup_monthly (month, county_code, cooperative_id, product_id, category_group,
      bucket, buyer_type, funding_source, eligible, amount_fen, quantity, entries)
    select month, county_code, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, eligible, sum(amount_fen), sum(quantity), count(*)
    from aid_ledger
    group by month, county_code, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, eligible`.execute(db);
  for (const [dimension, column] of Object.entries(MONTH_TOTAL_DIMENSIONS)) {
    await sql`
      insert into aid_month_totals (dimension, month, value, eligible, amount_fen, quantity, entries)
      select ${dimension}, month, cast(${sql.raw(column)} as text), eligible, sum(amount_fen),
        sum(quantity), sum(entries)
      from aid_rollup_monthly
      group by month, ${sql.raw(column === "''" ? "" : `${column}, `)}eligible`.execute(db);
  }
  await sql`
    insert into aid_orders_daily (day, eligible, month, orders)
    select day, eligible, min(month), count(distinct order_id)
    from aid_ledger where entry_type = 'sale'
    group by day, eligible`.execute(db);
  await sql`
    insert into aid_coop_days (day, cooperative_id)
    select distinct day, cooperative_id
    from aid_ledger where entry_type = 'sale' and eligible = 1`.execute(db);
  await sql`
    insert into aid_buyer_periods (period, buyer_key)
    select distinct month, buyer_key from aid_ledger where entry_type = 'sale' and eligible = 1
    union
    select distinct substr(month, 1, 4) || '-Q' || ((cast(substr(month, 6, 2) as integer) + 2) / 3),
      buyer_key
    from aid_ledger where entry_type = 'sale' and eligible = 1
    union
    select distinct substr(month, 1, 4), buyer_key
    from aid_ledger where entry_type = 'sale' and eligible = 1`.execute(db);
  await sql`
    insert into aid_buyer_days (day, buyer_key)
    select distinct day, buyer_key
    from aid_ledger where entry_type = 'sale' and eligible = 1`.execute(db);
  await sql`
    insert into aid_buyer_counts (period, buyers)
    select period, count(*) from aid_buyer_periods group by period`.execute(db);
}
