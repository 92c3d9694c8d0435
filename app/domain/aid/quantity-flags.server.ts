// The quantity integrity rule: a line is large at MEDIAN_MULTIPLE times the median paid line
// of the same product among buyers of the same bucket (采购 or 帮助销售) over the year to the
// period's end, when that median rests on MEDIAN_MIN_LINES lines or more; with less history,
// at LARGE_QUANTITY units. Paid lines are counted as each paid order's sale is recorded
// (recordSale), per Shanghai day, product, bucket and quantity, in aid_quantity_days
// (20261201T0400_aid_quantity_days.ts): a median comes from at most 366 days of counts, not
// from the year's lines. The (product, quantity) pairs of the period that reach their bucket's
// threshold come from the same counts, and only their lines are read, on
// order_lines(product_id, quantity), each checked against its order's payment and bucket.
import type { DB } from "#db/connection";
import { pinnedJoin } from "#db/planner-hints";
import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { bucketFor } from "./ledger.server";
import { periodInstants, type Period } from "./periods";

/** A line is large at this many times the product's median line quantity (same bucket), */
export const MEDIAN_MULTIPLE = 10;
/** …when the median rests on at least this many paid lines in the year to the period's end; */
export const MEDIAN_MIN_LINES = 5;
/** …and with less history than that, at this many units or more. */
export const LARGE_QUANTITY = 50;

const DAY_MS = 86_400_000;
/** Shanghai calendar day of a stored UTC instant (UTC+8 all year). */
const shanghaiDayOf = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Counts a paid order's lines on its day, by product, bucket and quantity (once, with its sale). */
export async function countPaidLines(
  trx: Transaction<Database>,
  order: { paid_at: string | null; buyer_type: string },
  lines: Array<{ product_id: number; quantity: number }>,
) {
  if (!order.paid_at) return;
  const day = shanghaiDayOf(order.paid_at);
  const bucket = bucketFor(order.buyer_type);
  for (const line of lines) {
    await trx
      .insertInto("aid_quantity_days")
      .values({ day, product_id: line.product_id, bucket, quantity: line.quantity, lines: 1 })
      .onConflict((oc) =>
        oc
          .columns(["day", "product_id", "bucket", "quantity"])
          .doUpdateSet({ lines: sql`aid_quantity_days.lines + 1` }),
      )
      .execute();
  }
}

/**
 * The period's large lines, largest first, at most `limit`, each row with the full count.
 * The year of history before the period's end is [end − 365 days, end): Shanghai midnights
 * both, so whole days of aid_quantity_days.
 */
export function quantityQuery(db: DB, period: Pick<Period, "start" | "end">, limit: number) {
  const join = pinnedJoin(db);
  const { start, end } = periodInstants(period);
  const historyStart = shanghaiDayOf(new Date(Date.parse(end) - 365 * DAY_MS).toISOString());
  const historyEnd = shanghaiDayOf(end);
  const bucket = sql`case when o.buyer_type = 'individual' then 'assisted_sales' else 'procurement' end`;
  const threshold = sql`case when med.n >= ${MEDIAN_MIN_LINES}
    then ${MEDIAN_MULTIPLE} * med.median else ${LARGE_QUANTITY} end`;
  return sql`
    with hist as (
      -- whole numbers on both engines: PostgreSQL's sum of a bigint is numeric, and the
      -- median's (n + 1) / 2 below must divide as integers
      select product_id, bucket, quantity, cast(sum(lines) as integer) as lines
      from aid_quantity_days
      where day >= ${historyStart} and day < ${historyEnd}
      group by product_id, bucket, quantity
    ),
    upto as (
      select product_id, bucket, quantity,
        cast(sum(lines) over (partition by product_id, bucket order by quantity) as integer) as upto,
        cast(sum(lines) over (partition by product_id, bucket) as integer) as n
      from hist
    ),
    med as (
      select product_id, bucket, max(n) as n,
        (min(case when upto >= (n + 1) / 2 then quantity end)
          + min(case when upto >= (n + 2) / 2 then quantity end)) / 2.0 as median
      from upto
      group by product_id, bucket
    ),
    pairs as (
      select distinct h.product_id, h.quantity
      from aid_quantity_days h
      left join med on med.product_id = h.product_id and med.bucket = h.bucket
      where h.day >= ${period.start} and h.day <= ${period.end} and h.quantity >= ${threshold}
    ),
    cand as (
      select o.number, o.paid_at as at, l.id as line_id, l.product_id,
        l.product_name_zh as product, l.quantity, l.line_total_fen as amount_fen,
        ${bucket} as bucket
      from pairs
      ${join} order_lines l on l.product_id = pairs.product_id and l.quantity = pairs.quantity
      ${join} orders o on o.id = l.order_id
      where o.paid_at >= ${start} and o.paid_at < ${end}
    )
    select cand.number, cand.at, cand.amount_fen, cand.line_id, cand.product, cand.quantity,
      cand.bucket, case when med.n >= ${MEDIAN_MIN_LINES} then med.median end as median,
      count(*) over () as total
    from cand
    left join med on med.product_id = cand.product_id and med.bucket = cand.bucket
    where cand.quantity >= ${threshold}
    order by cand.quantity desc, cand.at desc, cand.line_id
    limit ${limit}`;
}
