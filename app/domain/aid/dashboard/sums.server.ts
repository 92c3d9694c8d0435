// Sums over a period read the rollups, never the ledger (docs/decisions/012-aid-dashboard-rollups.md):
// aid_month_totals or aid_rollup_monthly for the whole months of a period, aid_day_totals or
// aid_rollup_daily only for loose days at its ends. Sums add up across the two; counts of distinct things
// do not, and have tables of their own (totals.server.ts).
import type { DB } from "#db/connection";
import type { AidRollupMonthlyTable } from "#db/schema";
import type { Dimension, RollupDimension } from "../dimensions";
import { splitRange, type Period } from "../periods";
import { ROLLUP_KEY_COLUMNS } from "../rollups.server";

/** The rollup column that holds each dimension's value. */
export const COLUMN = {
  county: "county_code",
  bucket: "bucket",
  buyer_type: "buyer_type",
  funding_source: "funding_source",
  category_group: "category_group",
  cooperative: "cooperative_id",
  product: "product_id",
  month: "month",
} as const satisfies Record<RollupDimension, keyof AidRollupMonthlyTable>;

/** A SQL sum or count as a number (null when there were no rows). */
export const num = (v: unknown): number => (v == null ? 0 : Number(v));

const ROLLUP_COLUMNS = [
  "month",
  ...ROLLUP_KEY_COLUMNS,
  "amount_fen",
  "quantity",
  "entries",
] as const;

/**
 * The rollup rows of a period, as `r`: aid_rollup_monthly for the whole months in it and
 * aid_rollup_daily only for loose days at its ends, as one subquery with the same columns
 * either way (SQLite flattens it into the table it reads when there is one part).
 */
export function rollupRows(db: DB, period: Pick<Period, "start" | "end">) {
  const { months, days } = splitRange(period);
  const monthly = db
    .selectFrom("aid_rollup_monthly")
    .select(ROLLUP_COLUMNS)
    .where("month", ">=", months[0] ?? "")
    .where("month", "<=", months[months.length - 1] ?? "");
  const [head, ...rest] = days.map((d) =>
    db
      .selectFrom("aid_rollup_daily")
      .select(ROLLUP_COLUMNS)
      .where("day", ">=", d.from)
      .where("day", "<=", d.to),
  );
  if (!head) return db.selectFrom(monthly.as("r"));
  let union = head;
  for (const part of rest) union = union.unionAll(part);
  if (months.length) union = union.unionAll(monthly);
  return db.selectFrom(union.as("r"));
}

/** Sums along one dimension value, eligible and apart. */
export interface Sums {
  aidFen: number;
  otherFen: number;
  aidQuantity: number;
  aidEntries: number;
  otherEntries: number;
}

export const zeroSums = (): Sums => ({
  aidFen: 0,
  otherFen: 0,
  aidQuantity: 0,
  aidEntries: 0,
  otherEntries: 0,
});

interface SumRow {
  value: string | number;
  eligible: number;
  amount: number;
  quantity: number;
  entries: number;
}

/**
 * Sums by value of one dimension ("all": the single value ""), over a period: the whole
 * months from aid_month_totals (a few rows per value and month), any loose days at the
 * ends from aid_day_totals (the same by day).
 */
export async function dimensionSums(
  db: DB,
  period: Pick<Period, "start" | "end">,
  dimension: Dimension | "all",
): Promise<Map<string, Sums>> {
  const { months, days } = splitRange(period);
  const parts: Array<Promise<SumRow[]>> = [];
  if (months.length) {
    parts.push(
      db
        .selectFrom("aid_month_totals")
        .select((eb) => [
          "value",
          "eligible",
          eb.fn.sum<number>("amount_fen").as("amount"),
          eb.fn.sum<number>("quantity").as("quantity"),
          eb.fn.sum<number>("entries").as("entries"),
        ])
        .where("dimension", "=", dimension)
        .where("month", ">=", months[0]!)
        .where("month", "<=", months[months.length - 1]!)
        .groupBy(["value", "eligible"])
        .execute(),
    );
  }
  for (const d of days) {
    parts.push(
      db
        .selectFrom("aid_day_totals")
        .select((eb) => [
          "value",
          "eligible",
          eb.fn.sum<number>("amount_fen").as("amount"),
          eb.fn.sum<number>("quantity").as("quantity"),
          eb.fn.sum<number>("entries").as("entries"),
        ])
        .where("dimension", "=", dimension)
        .where("day", ">=", d.from)
        .where("day", "<=", d.to)
        .groupBy(["value", "eligible"])
        .execute(),
    );
  }
  return addUp(await Promise.all(parts));
}

function addUp(parts: SumRow[][]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const rows of parts) {
    for (const r of rows) {
      const value = String(r.value);
      const acc = out.get(value) ?? zeroSums();
      if (r.eligible === 1) {
        acc.aidFen += num(r.amount);
        acc.aidQuantity += num(r.quantity);
        acc.aidEntries += num(r.entries);
      } else {
        acc.otherFen += num(r.amount);
        acc.otherEntries += num(r.entries);
      }
      out.set(value, acc);
    }
  }
  return out;
}
