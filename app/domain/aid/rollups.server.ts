import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";

// The dashboard's tables beside aid_rollup_daily (docs/decisions/012-aid-dashboard-rollups.md):
// the monthly rollup, one-dimensional monthly sums, orders per day, cooperatives per day,
// and buyers per day and per month, quarter and year (with their counts). appendLedger
// calls this in its transaction, with the entries as they will be written and before they
// are: the ledger as it stands tells which orders were already counted. Every table here
// can be rebuilt from aid_ledger by the statements in 20261129T0100_aid_counts.ts.

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
  ];
}

const CHUNK = 200;

export async function addToDashboardTables(trx: Trx, rows: readonly WrittenEntry[]) {
  if (!rows.length) return;

  // 1. Monthly rollup: one upsert per distinct key in the batch.
  const monthly = new Map<
    string,
    Omit<Database["aid_rollup_monthly"], "amount_fen" | "quantity" | "entries"> & {
      amount_fen: number;
      quantity: number;
      entries: number;
    }
  >();
  for (const r of rows) {
    const funding = r.funding_source ?? "";
    const key = [
      r.month,
      r.county_code,
      r.cooperative_id,
      r.product_id,
      r.category_group,
      r.bucket,
      r.buyer_type,
      funding,
      r.eligible,
    ].join("\u0000");
    const acc = monthly.get(key);
    if (acc) {
      acc.amount_fen += r.amount_fen;
      acc.quantity += r.quantity;
      acc.entries += 1;
    } else {
      monthly.set(key, {
        month: r.month,
        county_code: r.county_code,
        cooperative_id: r.cooperative_id,
        product_id: r.product_id,
        category_group: r.category_group,
        bucket: r.bucket,
        buyer_type: r.buyer_type,
        funding_source: funding,
        eligible: r.eligible,
        amount_fen: r.amount_fen,
        quantity: r.quantity,
        entries: 1,
      });
    }
  }
  for (const row of monthly.values()) {
    await trx
      .insertInto("aid_rollup_monthly")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns([
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
          .doUpdateSet({
            amount_fen: sql`amount_fen + excluded.amount_fen`,
            quantity: sql`quantity + excluded.quantity`,
            entries: sql`entries + excluded.entries`,
          }),
      )
      .execute();
  }

  // 2. One-dimensional monthly sums, for the dashboard's breakdowns.
  const totals = new Map<string, Database["aid_month_totals"]>();
  for (const r of rows) {
    for (const [dimension, value] of monthTotalValues(r)) {
      const key = `${dimension}\u0000${r.month}\u0000${value}\u0000${r.eligible}`;
      const acc = totals.get(key);
      if (acc) {
        acc.amount_fen += r.amount_fen;
        acc.quantity += r.quantity;
        acc.entries += 1;
      } else {
        totals.set(key, {
          dimension,
          month: r.month,
          value,
          eligible: r.eligible,
          amount_fen: r.amount_fen,
          quantity: r.quantity,
          entries: 1,
        });
      }
    }
  }
  for (const row of totals.values()) {
    await trx
      .insertInto("aid_month_totals")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["dimension", "month", "value", "eligible"]).doUpdateSet({
          amount_fen: sql`amount_fen + excluded.amount_fen`,
          quantity: sql`quantity + excluded.quantity`,
          entries: sql`entries + excluded.entries`,
        }),
      )
      .execute();
  }

  const sales = rows.filter((r) => r.entry_type === "sale");
  if (!sales.length) return;

  // 3. Orders per day: an order counts once (per eligible flag), on the day of its sale.
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
        oc.columns(["day", "eligible"]).doUpdateSet({ orders: sql`orders + excluded.orders` }),
      )
      .execute();
  }

  const eligibleSales = sales.filter((r) => r.eligible === 1);
  if (!eligibleSales.length) return;

  // 4. Cooperatives reached per day.
  const coopDays = new Map<string, { day: string; cooperative_id: number }>();
  for (const r of eligibleSales) {
    coopDays.set(`${r.day}:${r.cooperative_id}`, { day: r.day, cooperative_id: r.cooperative_id });
  }
  await trx
    .insertInto("aid_coop_days")
    .values([...coopDays.values()])
    .onConflict((oc) => oc.doNothing())
    .execute();

  // 5. Buyers per day (for custom ranges), month, quarter and year; a buyer new to a
  // calendar period adds one to its count.
  const buyerDays = new Map<string, { day: string; buyer_key: string }>();
  for (const r of eligibleSales) {
    buyerDays.set(`${r.day}\u0000${r.buyer_key}`, { day: r.day, buyer_key: r.buyer_key });
  }
  const days = [...buyerDays.values()];
  for (let i = 0; i < days.length; i += CHUNK) {
    await trx
      .insertInto("aid_buyer_days")
      .values(days.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
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
        oc.column("period").doUpdateSet({ buyers: sql`buyers + excluded.buyers` }),
      )
      .execute();
  }
}
