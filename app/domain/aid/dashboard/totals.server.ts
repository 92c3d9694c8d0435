// The headline figures of a period. Sums come from the rollups (sums.server.ts); orders,
// cooperatives and buyers are distinct counts, each read from its own counting table.
import type { DB } from "#db/connection";
import type { Period } from "../periods";
import { dimensionSums, num, zeroSums } from "./sums.server";

export interface Totals {
  /** the aid total: eligible entries, refunds included (they are negative) */
  aidFen: number;
  /** sales of goods that do not count as aid, shown apart */
  otherFen: number;
  aidQuantity: number;
  aidEntries: number;
  otherEntries: number;
  /** orders with at least one eligible sale in the period */
  orders: number;
  /** orders with at least one sale that does not count */
  otherOrders: number;
  /** buyers (accounts, or guests by phone) with an eligible sale in the period */
  buyers: number;
  /** cooperatives with an eligible sale in the period */
  cooperatives: number;
  /** Σ farmers_reached those cooperatives report of themselves (带动脱贫人口) */
  farmersReached: number;
}

export async function aidTotals(db: DB, period: Period): Promise<Totals> {
  const [sums, orders, coops, buyers] = await Promise.all([
    dimensionSums(db, period, "all"),
    db
      .selectFrom("aid_orders_daily")
      .select((eb) => ["eligible", eb.fn.sum<number>("orders").as("orders")])
      .where("day", ">=", period.start)
      .where("day", "<=", period.end)
      .groupBy("eligible")
      .execute(),
    db
      .selectFrom("cooperatives")
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>("farmers_reached").as("farmers"),
      ])
      .where(
        "id",
        "in",
        db
          .selectFrom("aid_coop_days")
          .select("cooperative_id")
          .distinct()
          .where("day", ">=", period.start)
          .where("day", "<=", period.end),
      )
      .executeTakeFirst(),
    countBuyers(db, period),
  ]);
  const all = sums.get("") ?? zeroSums();
  return {
    aidFen: all.aidFen,
    otherFen: all.otherFen,
    aidQuantity: all.aidQuantity,
    aidEntries: all.aidEntries,
    otherEntries: all.otherEntries,
    orders: num(orders.find((o) => o.eligible === 1)?.orders),
    otherOrders: num(orders.find((o) => o.eligible === 0)?.orders),
    buyers,
    cooperatives: num(coops?.count),
    farmersReached: num(coops?.farmers),
  };
}

/**
 * Distinct buyers: the stored count of a calendar month, quarter or year; otherwise, for
 * any range of days, the buyer days in it whose buyer's previous day is before it (each
 * buyer counted once, on its first day in the range), from aid_buyer_gaps: one key range.
 */
export async function countBuyers(db: DB, period: Pick<Period, "start" | "end" | "key">) {
  if (period.key) {
    const row = await db
      .selectFrom("aid_buyer_counts")
      .select("buyers")
      .where("period", "=", period.key)
      .executeTakeFirst();
    return row?.buyers ?? 0;
  }
  const row = await db
    .selectFrom("aid_buyer_gaps")
    .select((eb) => eb.fn.sum<number>("buyers").as("n"))
    .where("day", ">=", period.start)
    .where("day", "<=", period.end)
    .where("prev_day", "<", period.start)
    .executeTakeFirst();
  return num(row?.n);
}
