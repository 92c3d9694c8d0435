// The shopper's order history: one tab's orders, optionally those whose number contains
// what was searched, a page at a time, newest first. Scoped by the owner.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { effectiveStatus } from "../orders/expiry.server";
import { statusesOfTab, type OrderTab } from "./order-tabs";

export const ORDERS_PER_PAGE = 10;

export interface HistoryQuery {
  tab: OrderTab;
  /** part of an order number (letters, digits, dashes); "" for none */
  search: string;
  /** 1-based */
  page: number;
}

/** What a search box may hold: order numbers are SH-YYYYMMDD-XXXX, upper case. */
export function normalizeOrderSearch(raw: string | null): string {
  return (raw ?? "")
    .trim()
    .toUpperCase()
    .replace(/[^0-9A-Z-]/g, "")
    .slice(0, 20);
}

/** The person's orders in the tab, matching the search. */
function historyFilter(db: DB, userId: number, query: HistoryQuery, at: string) {
  let base = db.selectFrom("orders as o").where("o.user_id", "=", userId);
  if (query.tab === "afterSales") {
    // refunded states, and any order with a refund asked for or made
    base = base.where((eb) =>
      eb.or([
        eb("o.status", "in", statusesOfTab("afterSales")),
        eb.exists(eb.selectFrom("refunds as r").select("r.id").whereRef("r.order_id", "=", "o.id")),
      ]),
    );
  } else if (query.tab !== "all") {
    base = base.where("o.status", "in", statusesOfTab(query.tab));
  }
  // an unpaid order past its time is expired, even before the sweeper has closed it
  if (query.tab === "unpaid") base = base.where("o.expires_at", ">", at);
  if (query.search) {
    base = base.where(sql<boolean>`instr(o.number, ${query.search}) > 0`);
  }
  return base;
}

export async function listOrderHistory(
  db: DB,
  userId: number,
  query: HistoryQuery,
  now = new Date(),
) {
  const at = now.toISOString();
  const base = historyFilter(db, userId, query, at);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(total) / ORDERS_PER_PAGE));
  const page = Math.min(Math.max(1, query.page), pages);
  const rows = await base
    .select([
      "o.id",
      "o.number",
      "o.status",
      "o.fulfilment",
      "o.total_fen",
      "o.aid_eligible_fen",
      "o.created_at",
      "o.expires_at",
      (eb) =>
        eb
          .selectFrom("order_lines as l")
          .select((l) => l.fn.sum<number>("l.quantity").as("n"))
          .whereRef("l.order_id", "=", "o.id")
          .as("items"),
      (eb) =>
        eb
          .selectFrom("order_lines as l")
          .select("l.product_name_zh")
          .whereRef("l.order_id", "=", "o.id")
          .orderBy("l.id")
          .limit(1)
          .as("firstNameZh"),
      (eb) =>
        eb
          .selectFrom("order_lines as l")
          .select("l.product_name_en")
          .whereRef("l.order_id", "=", "o.id")
          .orderBy("l.id")
          .limit(1)
          .as("firstNameEn"),
    ])
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(ORDERS_PER_PAGE)
    .offset((page - 1) * ORDERS_PER_PAGE)
    .execute();
  return {
    total: Number(total),
    page,
    pages,
    orders: rows.map((row) => ({
      number: row.number,
      status: effectiveStatus(row, now),
      /** collected at a counter: read as 待取货 / 已取货 (ADR 048) */
      pickup: row.fulfilment === "pickup",
      totalFen: row.total_fen,
      aidEligibleFen: row.aid_eligible_fen,
      createdAt: row.created_at,
      items: Number(row.items ?? 0),
      firstNameZh: row.firstNameZh ?? "",
      firstNameEn: row.firstNameEn ?? "",
    })),
  };
}
