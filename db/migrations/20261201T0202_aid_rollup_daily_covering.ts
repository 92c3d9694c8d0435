// The loose days at the ends of a custom range are summed from aid_rollup_daily, a rowid
// table whose primary key is a separate index: every row read went back to the table.
// One index holding the key and the sums lets those sums come from the index alone
// (issue 11: custom ranges under 100 ms). Frozen once landed.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("aid_rollup_daily_sums")
    .on("aid_rollup_daily")
    .columns([
      "day",
      "county_code",
      "cooperative_id",
      "product_id",
      "category_group",
      "bucket",
      "buyer_type",
      "funding_source",
      "eligible",
      "amount_fen",
      "quantity",
      "entries",
    ])
    .execute();
}
