// The aid office's "销售渠道 / Sales channel" breakdown (ADR 051): aid_month_totals and
// aid_day_totals gain the dimension "channel", valued "online" or "counter:<counter id>",
// kept by appendLedger (rollups.server.ts) and back-filled here from aid_ledger itself, so
// the figures of an existing store are right (every entry before the counters was online);
// the same statements rebuild the dimension whenever it needs rebuilding. The drill-down's
// channel and counter filters are not rollup keys: their count and sum are read from the
// ledger on the index made here, as a seller's are. Frozen once landed.
import { sql, type Kysely } from "kysely";

/** An entry's channel value, as rollups.server.ts writes it (frozen with this file). */
const CHANNEL_VALUE = sql.raw(
  "case when channel = 'counter' and counter_id is not null " +
    "then 'counter:' || counter_id else 'online' end",
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from aid_month_totals where dimension = 'channel'`.execute(db);
  await sql`delete from aid_day_totals where dimension = 'channel'`.execute(db);
  await sql`
    insert into aid_month_totals (dimension, month, value, eligible, amount_fen, quantity, entries)
    select 'channel', month, ${CHANNEL_VALUE}, eligible, sum(amount_fen), sum(quantity), count(*)
    from aid_ledger
    group by month, ${CHANNEL_VALUE}, eligible`.execute(db);
  await sql`
    insert into aid_day_totals (dimension, day, value, eligible, amount_fen, quantity, entries)
    select 'channel', day, ${CHANNEL_VALUE}, eligible, sum(amount_fen), sum(quantity), count(*)
    from aid_ledger
    group by day, ${CHANNEL_VALUE}, eligible`.execute(db);
  // /aid/entries?channel=counter&counter=3: that counter's entries of a period, by day
  await db.schema
    .createIndex("aid_ledger_channel_day")
    .on("aid_ledger")
    .columns(["channel", "counter_id", "day"])
    .execute();
}
