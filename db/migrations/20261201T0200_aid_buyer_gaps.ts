// Distinct buyers over any range of days, exactly, without a distinct over the range
// (issue 11): for every buyer day (aid_buyer_days) the buyer's previous eligible day, counted
// by (day, previous day). A buyer is counted in [from, to] on exactly one day: the first
// in the range, the one whose previous day is before `from` (or none, stored as ""). So
// buyers(from, to) = Σ buyers over day in [from, to] and prev_day < from: a range of
// (day, prev_day) keys, never more rows than days × earlier days. Maintained by
// appendLedger (rollups.server.ts); back-filled here. Frozen once landed.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // a buyer's days in order: the previous and next day of a day being added
  await db.schema
    .createIndex("aid_buyer_days_buyer")
    .on("aid_buyer_days")
    .columns(["buyer_key", "day"])
    .execute();

  await db.schema
    .createTable("aid_buyer_gaps")
    .addColumn("day", "text", (c) => c.notNull())
    /** the buyer's previous day with an eligible sale, "" for the first */
    .addColumn("prev_day", "text", (c) => c.notNull())
    .addColumn("buyers", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_buyer_gaps_pk", ["day", "prev_day"])
    .modifyEnd(sql`without rowid`)
    .execute();

  await sql`
    insert into aid_buyer_gaps (day, prev_day, buyers)
    select day, prev_day, count(*) from (
      select day, coalesce(lag(day) over (partition by buyer_key order by day), '') as prev_day
      from aid_buyer_days
    ) as gaps
    group by day, prev_day`.execute(db);
}
