// The home page's aid figure, read from the rollups kept with the ledger.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { yearDays } from "./buyer-profile.server";

export interface HomeAidSummary {
  fen: number;
  cooperatives: number;
  orders: number;
}

/**
 * This year's eligible aid total, cooperatives reached (positive eligible total this year)
 * and orders with eligible sales (counted the day they were paid, as on the aid dashboard).
 * All from the rollups kept with the ledger; nothing here scans entries.
 */
export async function homeAidSummary(db: DB, year: number): Promise<HomeAidSummary> {
  const days = yearDays(year);
  const perCooperative = await db
    .selectFrom("aid_rollup_daily")
    .select((eb) => [
      "cooperative_id",
      eb.fn.sum<number>("amount_fen").as("fen"),
      eb.fn.sum<number>("entries").as("entries"),
    ])
    .where("day", ">=", days.start)
    .where("day", "<=", days.end)
    .where("eligible", "=", 1)
    .groupBy("cooperative_id")
    .execute();
  let fen = 0;
  let entries = 0;
  let cooperatives = 0;
  for (const row of perCooperative) {
    fen += Number(row.fen);
    entries += Number(row.entries);
    if (Number(row.fen) > 0) cooperatives += 1;
  }
  if (!entries) return { fen, cooperatives, orders: 0 };
  // orders with eligible sales, counted on the day they were paid (the dashboard's meaning)
  const orders = await db
    .selectFrom("aid_orders_daily")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("orders"), sql<number>`0`).as("n"))
    .where("day", ">=", days.start)
    .where("day", "<=", days.end)
    .where("eligible", "=", 1)
    .executeTakeFirstOrThrow();
  return { fen, cooperatives, orders: Number(orders.n) };
}
