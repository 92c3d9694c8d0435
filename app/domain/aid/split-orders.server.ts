// The split-order integrity rule: this many paid orders or more from one phone, or one
// address however it is written, on one Shanghai day. Counted as each paid order's sale is
// recorded (recordSale), per day and phone and per day and normalised address, in
// aid_split_order_counts (20261201T0201_split_order_counts.ts); a period's flags are the
// counts of SPLIT_MIN_ORDERS or more in it, read from a partial index that holds only
// those, and each listed flag's orders come from orders(phone | address_key, paid_at).
import { sql, type Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { maskPhone } from "~/domain/orders/orders.server";
import type { Flag, RuleFlags } from "./integrity.server";
import { periodInstants, type Period } from "./periods";

/** This many paid orders or more from one phone or one address on one Shanghai day. */
export const SPLIT_MIN_ORDERS = 3;
/** Orders listed under one split-order flag. */
export const ORDERS_PER_FLAG = 20;

type Via = "phone" | "address";

/** Shanghai calendar day of a stored UTC instant (UTC+8 all year). */
const shanghaiDayOf = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Counts a paid order on its day, by phone and by address key (once, with its sale). A
 * till sale (ADR 051) is counted by its buyer's phone, so one buyer's orders at counters
 * and online add up; not by address, which for a walk-in is no buyer's (the counter's
 * own, or none). An empty phone or address names nobody: anonymous walk-ins are never
 * counted as one buyer.
 */
export async function countPaidOrder(
  trx: Transaction<Database>,
  order: {
    paid_at: string | null;
    phone: string;
    address_key: string;
    channel?: "online" | "counter";
  },
) {
  if (!order.paid_at) return;
  const day = shanghaiDayOf(order.paid_at);
  const subjects: Array<[Via, string]> = [
    ["phone", order.phone.trim()],
    ["address", order.channel === "counter" ? "" : order.address_key],
  ];
  for (const [via, subject] of subjects) {
    if (!subject) continue;
    await trx
      .insertInto("aid_split_order_counts")
      .values({ day, via, subject, orders: 1 })
      .onConflict((oc) =>
        oc
          .columns(["day", "via", "subject"])
          .doUpdateSet({ orders: sql`aid_split_order_counts.orders + 1` }),
      )
      .execute();
  }
}

/** Every day-and-subject of the period with enough orders to flag, on the partial index. */
export function flaggedCountsQuery(db: DB, period: Pick<Period, "start" | "end">) {
  return (
    db
      .selectFrom("aid_split_order_counts")
      .select(["day", "via", "subject", "orders"])
      .where("day", ">=", period.start)
      .where("day", "<=", period.end)
      // a literal, as in the index's own WHERE, or SQLite cannot use it
      .where(sql<boolean>`orders >= ${sql.lit(SPLIT_MIN_ORDERS)}`)
  );
}

/** The first orders behind one flag, in payment order. */
export function flagOrdersQuery(db: DB, via: Via, subject: string, day: string) {
  const { start, end } = periodInstants({ start: day, end: day });
  return db
    .selectFrom("orders as o")
    .select([
      "o.number",
      "o.paid_at",
      "o.total_fen",
      sql<string>`o.province || o.city || o.district || o.street`.as("address"),
    ])
    .where(via === "phone" ? "o.phone" : "o.address_key", "=", subject)
    .where("o.paid_at", ">=", start)
    .where("o.paid_at", "<", end)
    .orderBy("o.paid_at")
    .orderBy("o.id")
    .limit(ORDERS_PER_FLAG);
}

/**
 * The period's split-order flags, most orders first (then latest day, then id), the first
 * `limit` with their orders, and how many there are in all.
 */
export async function splitOrderFlags(
  db: DB,
  period: Pick<Period, "start" | "end">,
  limit: number,
): Promise<RuleFlags> {
  const counts = await flaggedCountsQuery(db, period).execute();
  const ranked = counts
    .map((c) => ({ ...c, id: `split-${c.via}-${c.day}-${c.subject}` }))
    .sort((a, b) => b.orders - a.orders || b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
    .slice(0, limit);
  const flags = await Promise.all(
    ranked.map(async (c): Promise<Flag> => {
      const orders = await flagOrdersQuery(db, c.via, c.subject, c.day).execute();
      return {
        id: c.id,
        reason: {
          rule: "splitOrders",
          via: c.via,
          // a masked phone, or the address as written on the first order
          subject: c.via === "phone" ? maskPhone(c.subject) : (orders[0]?.address ?? ""),
          day: c.day,
          count: c.orders,
        },
        orders: orders.map((o) => ({
          number: o.number,
          at: o.paid_at ?? "",
          amountFen: o.total_fen,
        })),
        moreOrders: Math.max(0, c.orders - ORDERS_PER_FLAG),
      };
    }),
  );
  return { rule: "splitOrders", total: counts.length, flags };
}
