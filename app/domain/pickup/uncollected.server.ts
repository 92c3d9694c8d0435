// Pickup orders nobody came for (ADR 048): paid more than UNCOLLECTED_DAYS ago, not yet
// collected and not refunded. The admin sees them on /admin/orders?uncollected=1 and
// refunds them through the order's refund page (restocking puts them back on the shelf).
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { maskPhone } from "../orders/orders.server";
import { UNCOLLECTED_DAYS } from "./pickup-code";

const LIST_LIMIT = 200;

function uncollectedQuery(db: DB, now: Date) {
  const before = new Date(now.getTime() - UNCOLLECTED_DAYS * 86_400_000).toISOString();
  // orders_counter (counter_id, status) holds only counter orders: a short read
  return db
    .selectFrom("orders as o")
    .where("o.counter_id", "is not", null)
    .where("o.status", "in", ["paid", "partially_refunded"])
    .where("o.fulfilment", "=", "pickup")
    .where("o.collected_at", "is", null)
    .where("o.paid_at", "<", before);
}

/** How many pickup orders are overdue now (the admin home's figure). */
export async function countUncollected(db: DB, now = new Date()): Promise<number> {
  const row = await uncollectedQuery(db, now)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The overdue pickup orders, longest waiting first, with their counter. */
export async function listUncollected(db: DB, locale: Locale, now = new Date()) {
  const l = lang(locale);
  const rows = await uncollectedQuery(db, now)
    .innerJoin("counters as c", "c.id", "o.counter_id")
    .select([
      "o.number",
      "o.contact_name",
      "o.phone",
      "o.total_fen",
      "o.paid_at",
      l === "en" ? "c.name_en as counter" : "c.name_zh as counter",
    ])
    .orderBy("o.paid_at")
    .orderBy("o.id")
    .limit(LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    number: r.number,
    contactName: r.contact_name,
    phoneMasked: maskPhone(r.phone),
    totalFen: r.total_fen,
    paidAt: r.paid_at as string,
    counter: r.counter,
    daysWaiting: Math.floor((now.getTime() - Date.parse(r.paid_at as string)) / 86_400_000),
  }));
}
