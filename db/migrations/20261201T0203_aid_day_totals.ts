// One-dimensional daily sums beside the monthly ones (aid_month_totals): the loose days at
// the ends of a custom range read a few rows per value and day instead of grouping the
// daily rollup for each breakdown (issue 11: custom ranges under 100 ms). Maintained by
// appendLedger (rollups.server.ts), back-filled here from aid_rollup_daily. Frozen once
// landed.
import { sql, type Kysely } from "kysely";

/** aid_day_totals dimensions and the rollup column each sums by (frozen with this file). */
const DAY_TOTAL_DIMENSIONS: Record<string, string> = {
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
  await db.schema
    .createTable("aid_day_totals")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("eligible", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_day_totals_pk", ["dimension", "day", "value", "eligible"])
    .modifyEnd(sql`without rowid`)
    .execute();
  for (const [dimension, column] of Object.entries(DAY_TOTAL_DIMENSIONS)) {
    await sql`
      insert into aid_day_totals (dimension, day, value, eligible, amount_fen, quantity, entries)
      select ${dimension}, day, cast(${sql.raw(column)} as text), eligible, sum(amount_fen),
        sum(quantity), sum(entries)
      from aid_rollup_daily
      group by day, ${sql.raw(column === "''" ? "" : `${column}, `)}eligible`.execute(db);
  }
}
