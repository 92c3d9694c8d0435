// The headline figures of a period. Sums come from the rollups (sums.server.ts); orders,
// cooperatives and buyers are distinct counts, each read from its own counting table.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { splitRange, type Period } from "../periods";
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
 * Distinct buyers: the stored count of a calendar month, quarter or year; otherwise a
 * distinct over the month sets of the whole months inside the range and the day sets of
 * the loose days at its ends.
 */
export async function countBuyers(db: DB, period: Period): Promise<number> {
  if (period.key) {
    const row = await db
      .selectFrom("aid_buyer_counts")
      .select("buyers")
      .where("period", "=", period.key)
      .executeTakeFirst();
    return row?.buyers ?? 0;
  }
  const { months, days } = splitRange(period);
  // UNION (not ALL) counts a buyer seen in more than one part once
  let union = db
    .selectFrom("aid_buyer_periods")
    .select("buyer_key")
    .where("period", "in", months.length ? months : [""]);
  for (const d of days) {
    union = union.union(
      db
        .selectFrom("aid_buyer_days")
        .select("buyer_key")
        .where("day", ">=", d.from)
        .where("day", "<=", d.to),
    );
  }
  const row = await db
    .selectFrom(union.as("b"))
    // distinct as well: with months alone there is no UNION to drop repeats
    .select(sql<number>`count(distinct b.buyer_key)`.as("n"))
    .executeTakeFirst();
  return num(row?.n);
}
