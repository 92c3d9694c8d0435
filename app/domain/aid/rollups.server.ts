import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { channelValue } from "./dimensions";

// The dashboard's tables (docs/decisions/012-aid-dashboard-rollups.md): the daily and
// monthly rollups, one-dimensional monthly and daily sums, orders per day, cooperatives per day,
// and buyers per day and per month, quarter and year (with their counts), and buyer days
// by the buyer's previous day (aid_buyer_gaps, for custom ranges). appendLedger
// calls addToDashboardTables in its transaction, with the entries as they will be written
// and before they are (the ledger as it stands tells which orders were already counted),
// then addToDailyRollup. Every table here can be rebuilt from aid_ledger by the
// statements in 20261129T0100_aid_counts.ts and 20261201T0200_aid_buyer_gaps.ts, and the
// totals' "channel" dimension by those in 20261204T0400_aid_channel.ts (ADR 051).

type Trx = Transaction<Database>;

/** An entry as appendLedger writes it (day and month already in the Shanghai calendar). */
export interface WrittenEntry {
  entry_type: "sale" | "refund";
  order_id: number;
  amount_fen: number;
  quantity: number;
  county_code: string;
  cooperative_id: number;
  product_id: number;
  category_group: string;
  bucket: string;
  buyer_type: string;
  funding_source?: string | null;
  buyer_key: string;
  eligible: 0 | 1;
  day: string;
  month: string;
  /** where it was sold (ADR 051); an entry that does not say was sold online */
  channel?: "online" | "counter";
  counter_id?: number | null;
}

/** "2026-Q4" for "2026-11". */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/** The dimensions of aid_month_totals and an entry's value in each ("all" is the total). */
export function monthTotalValues(r: WrittenEntry): Array<[string, string]> {
  return [
    ["all", ""],
    ["county", r.county_code],
    ["bucket", r.bucket],
    ["buyer_type", r.buyer_type],
    ["funding_source", r.funding_source ?? ""],
    ["category_group", r.category_group],
    ["cooperative", String(r.cooperative_id)],
    ["product", String(r.product_id)],
    ["month", r.month],
    ["channel", channelValue(r.channel ?? "online", r.counter_id ?? null)],
  ];
}

const CHUNK = 200;

/**
 * What tells one rollup row from another besides its day or month: the one list the
 * daily and monthly rollups are keyed on, written, and read by the dashboard.
 */
export const ROLLUP_KEY_COLUMNS = [
  "county_code",
  "cooperative_id",
  "product_id",
  "category_group",
  "bucket",
  "buyer_type",
  "funding_source",
  "eligible",
] as const;

type RollupKey = Pick<Database["aid_rollup_monthly"], (typeof ROLLUP_KEY_COLUMNS)[number]>;

/** An entry's rollup key (no funding source is stored as ""). */
function rollupKeyOf(r: WrittenEntry): RollupKey {
  return {
    county_code: r.county_code,
    cooperative_id: r.cooperative_id,
    product_id: r.product_id,
    category_group: r.category_group,
    bucket: r.bucket,
    buyer_type: r.buyer_type,
    funding_source: r.funding_source ?? "",
    eligible: r.eligible,
  };
}

/** The sums of an upsert: the row's own (named by its table, as PostgreSQL needs) plus the new. */
const addSums = (table: string) => ({
  amount_fen: sql<number>`${sql.ref(`${table}.amount_fen`)} + excluded.amount_fen`,
  quantity: sql<number>`${sql.ref(`${table}.quantity`)} + excluded.quantity`,
  entries: sql<number>`${sql.ref(`${table}.entries`)} + excluded.entries`,
});

/** The daily rollup: one upsert per entry, after the entries are in the ledger. */
export async function addToDailyRollup(trx: Trx, rows: readonly WrittenEntry[]) {
  for (const row of rows) {
    await trx
      .insertInto("aid_rollup_daily")
      .values({
        day: row.day,
        month: row.month,
        ...rollupKeyOf(row),
        amount_fen: row.amount_fen,
        quantity: row.quantity,
        entries: 1,
      })
      .onConflict((oc) =>
        oc.columns(["day", ...ROLLUP_KEY_COLUMNS]).doUpdateSet(addSums("aid_rollup_daily")),
      )
      .execute();
  }
}

/** Everything but the daily rollup, with the entries of a batch before they are written. */
export async function addToDashboardTables(trx: Trx, rows: readonly WrittenEntry[]) {
  if (!rows.length) return;
  await addToMonthlyRollup(trx, rows);
  await addToMonthTotals(trx, rows);
  await addToDayTotals(trx, rows);
  const sales = rows.filter((r) => r.entry_type === "sale");
  if (!sales.length) return;
  await addToOrdersDaily(trx, sales);
  const eligibleSales = sales.filter((r) => r.eligible === 1);
  if (!eligibleSales.length) return;
  await addToCoopDays(trx, eligibleSales);
  await addToBuyerDays(trx, eligibleSales);
  await addToBuyerPeriods(trx, eligibleSales);
}

type Sums = { amount_fen: number; quantity: number; entries: number };

/** Adds an entry to the sums kept under `key`, or starts them with `fresh`. */
function accumulate<T extends Sums>(
  map: Map<string, T>,
  key: string,
  r: WrittenEntry,
  fresh: () => Omit<T, keyof Sums>,
) {
  const acc = map.get(key);
  if (acc) {
    acc.amount_fen += r.amount_fen;
    acc.quantity += r.quantity;
    acc.entries += 1;
  } else {
    map.set(key, { ...fresh(), amount_fen: r.amount_fen, quantity: r.quantity, entries: 1 } as T);
  }
}

/** Monthly rollup: one upsert per distinct key in the batch. */
async function addToMonthlyRollup(trx: Trx, rows: readonly WrittenEntry[]) {
  const monthly = new Map<string, RollupKey & Sums & { month: string }>();
  for (const r of rows) {
    const key = rollupKeyOf(r);
    const id = [r.month, ...ROLLUP_KEY_COLUMNS.map((c) => key[c])].join("\u0000");
    accumulate(monthly, id, r, () => ({ month: r.month, ...key }));
  }
  for (const row of monthly.values()) {
    await trx
      .insertInto("aid_rollup_monthly")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["month", ...ROLLUP_KEY_COLUMNS]).doUpdateSet(addSums("aid_rollup_monthly")),
      )
      .execute();
  }
}

/** One-dimensional monthly sums, for the dashboard's breakdowns. */
async function addToMonthTotals(trx: Trx, rows: readonly WrittenEntry[]) {
  const totals = new Map<string, Database["aid_month_totals"]>();
  for (const r of rows) {
    for (const [dimension, value] of monthTotalValues(r)) {
      const key = `${dimension}\u0000${r.month}\u0000${value}\u0000${r.eligible}`;
      accumulate(totals, key, r, () => ({
        dimension,
        month: r.month,
        value,
        eligible: r.eligible,
      }));
    }
  }
  for (const row of totals.values()) {
    await trx
      .insertInto("aid_month_totals")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["dimension", "month", "value", "eligible"])
          .doUpdateSet(addSums("aid_month_totals")),
      )
      .execute();
  }
}

/** The same one-dimensional sums by day, for the loose days at the ends of a custom range. */
async function addToDayTotals(trx: Trx, rows: readonly WrittenEntry[]) {
  const totals = new Map<string, Database["aid_day_totals"]>();
  for (const r of rows) {
    for (const [dimension, value] of monthTotalValues(r)) {
      const key = `${dimension}\u0000${r.day}\u0000${value}\u0000${r.eligible}`;
      accumulate(totals, key, r, () => ({ dimension, day: r.day, value, eligible: r.eligible }));
    }
  }
  for (const row of totals.values()) {
    await trx
      .insertInto("aid_day_totals")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["dimension", "day", "value", "eligible"])
          .doUpdateSet(addSums("aid_day_totals")),
      )
      .execute();
  }
}

/** Orders per day: an order counts once (per eligible flag), on the day of its sale. */
async function addToOrdersDaily(trx: Trx, sales: readonly WrittenEntry[]) {
  const counted = new Set<string>();
  const orderIds = [...new Set(sales.map((r) => r.order_id))];
  for (let i = 0; i < orderIds.length; i += CHUNK) {
    const already = await trx
      .selectFrom("aid_ledger")
      .select(["order_id", "eligible"])
      .distinct()
      .where("entry_type", "=", "sale")
      .where("order_id", "in", orderIds.slice(i, i + CHUNK))
      .execute();
    for (const a of already) counted.add(`${a.order_id}:${a.eligible}`);
  }
  const perDay = new Map<string, { day: string; eligible: 0 | 1; month: string; orders: number }>();
  for (const r of sales) {
    const orderKey = `${r.order_id}:${r.eligible}`;
    if (counted.has(orderKey)) continue;
    counted.add(orderKey);
    const dayKey = `${r.day}:${r.eligible}`;
    const acc = perDay.get(dayKey);
    if (acc) acc.orders += 1;
    else perDay.set(dayKey, { day: r.day, eligible: r.eligible, month: r.month, orders: 1 });
  }
  for (const row of perDay.values()) {
    await trx
      .insertInto("aid_orders_daily")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["day", "eligible"])
          .doUpdateSet({ orders: sql`aid_orders_daily.orders + excluded.orders` }),
      )
      .execute();
  }
}

/** Cooperatives reached per day. */
async function addToCoopDays(trx: Trx, eligibleSales: readonly WrittenEntry[]) {
  const coopDays = new Map<string, { day: string; cooperative_id: number }>();
  for (const r of eligibleSales) {
    coopDays.set(`${r.day}:${r.cooperative_id}`, { day: r.day, cooperative_id: r.cooperative_id });
  }
  await trx
    .insertInto("aid_coop_days")
    .values([...coopDays.values()])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Buyers per day, for custom ranges. */
async function addToBuyerDays(trx: Trx, eligibleSales: readonly WrittenEntry[]) {
  const buyerDays = new Map<string, { day: string; buyer_key: string }>();
  for (const r of eligibleSales) {
    buyerDays.set(`${r.day}\u0000${r.buyer_key}`, { day: r.day, buyer_key: r.buyer_key });
  }
  // one at a time: each day new to its buyer moves the buyer's gaps (aid_buyer_gaps) as
  // they stand with the days before it
  for (const row of buyerDays.values()) {
    const added = await trx
      .insertInto("aid_buyer_days")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning("day")
      .executeTakeFirst();
    if (added) await addToBuyerGaps(trx, row);
  }
}

/**
 * A buyer's new day between its previous day (or none, "") and its next (usually none):
 * the day now follows the previous one, and the next one follows the new day instead.
 */
async function addToBuyerGaps(trx: Trx, { day, buyer_key }: { day: string; buyer_key: string }) {
  const near = await trx
    .selectFrom("aid_buyer_days")
    .select((eb) => [
      eb
        .selectFrom("aid_buyer_days")
        .select((e) => e.fn.max("day").as("d"))
        .where("buyer_key", "=", buyer_key)
        .where("day", "<", day)
        .as("prev"),
      eb
        .selectFrom("aid_buyer_days")
        .select((e) => e.fn.min("day").as("d"))
        .where("buyer_key", "=", buyer_key)
        .where("day", ">", day)
        .as("next"),
    ])
    .where("buyer_key", "=", buyer_key)
    .where("day", "=", day)
    .executeTakeFirstOrThrow();
  const prev = (near.prev as string | null) ?? "";
  await moveGap(trx, day, prev, 1);
  if (near.next) {
    await moveGap(trx, near.next as string, prev, -1);
    await moveGap(trx, near.next as string, day, 1);
  }
}

async function moveGap(trx: Trx, day: string, prevDay: string, delta: 1 | -1) {
  await trx
    .insertInto("aid_buyer_gaps")
    .values({ day, prev_day: prevDay, buyers: delta })
    .onConflict((oc) =>
      oc
        .columns(["day", "prev_day"])
        .doUpdateSet({ buyers: sql`aid_buyer_gaps.buyers + excluded.buyers` }),
    )
    .execute();
  if (delta < 0) {
    await trx
      .deleteFrom("aid_buyer_gaps")
      .where("day", "=", day)
      .where("prev_day", "=", prevDay)
      .where("buyers", "=", 0)
      .execute();
  }
}

/** Buyers per month, quarter and year: a buyer new to a calendar period adds one to its count. */
async function addToBuyerPeriods(trx: Trx, eligibleSales: readonly WrittenEntry[]) {
  const buyerPeriods = new Map<string, { period: string; buyer_key: string }>();
  for (const r of eligibleSales) {
    for (const period of [r.month, quarterOf(r.month), r.month.slice(0, 4)]) {
      buyerPeriods.set(`${period}\u0000${r.buyer_key}`, { period, buyer_key: r.buyer_key });
    }
  }
  const added = new Map<string, number>();
  const values = [...buyerPeriods.values()];
  for (let i = 0; i < values.length; i += CHUNK) {
    const inserted = await trx
      .insertInto("aid_buyer_periods")
      .values(values.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .returning("period")
      .execute();
    for (const { period } of inserted) added.set(period, (added.get(period) ?? 0) + 1);
  }
  for (const [period, buyers] of added) {
    await trx
      .insertInto("aid_buyer_counts")
      .values({ period, buyers })
      .onConflict((oc) =>
        oc.column("period").doUpdateSet({ buyers: sql`aid_buyer_counts.buyers + excluded.buyers` }),
      )
      .execute();
  }
}
