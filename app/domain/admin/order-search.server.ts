import type { DB } from "#db/connection";
import { MOBILE_RE, normalizeMobile } from "../checkout/checkout-input";
import { ORDER_NUMBER_RE } from "../orders/order-number";
import { maskPhone } from "../orders/orders.server";

// What /admin/orders shows: the orders an admin looks for, by number or by phone.

const ORDER_LIST_LIMIT = 50;
/** The longest search kept: an order number or a phone is far shorter. */
const SEARCH_MAX = 60;

export type OrderSearch = { kind: "number"; value: string } | { kind: "phone"; value: string };

/** An order number (any case) or a mainland mobile number; anything else is null. */
export function parseOrderSearch(raw: string): OrderSearch | null {
  const text = raw.trim();
  const number = text.toUpperCase();
  if (ORDER_NUMBER_RE.test(number)) return { kind: "number", value: number };
  const phone = normalizeMobile(text);
  if (MOBILE_RE.test(phone)) return { kind: "phone", value: phone };
  return null;
}

/**
 * Orders for the admin list: those matching a search (by number, or every order placed
 * with a phone), or else the most recently paid. Two queries.
 */
export async function findAdminOrders(db: DB, search: OrderSearch | null) {
  let query = db
    .selectFrom("orders")
    .select([
      "id",
      "number",
      "status",
      "contact_name",
      "phone",
      "org_name",
      "total_fen",
      "paid_at",
      "created_at",
    ]);
  if (search?.kind === "number") query = query.where("number", "=", search.value);
  else if (search?.kind === "phone") {
    query = query.where("phone", "=", search.value).orderBy("created_at", "desc");
  } else query = query.where("paid_at", "is not", null).orderBy("paid_at", "desc");
  const orders = await query.orderBy("id", "desc").limit(ORDER_LIST_LIMIT).execute();
  const refunded = orders.length
    ? await db
        .selectFrom("refunds")
        .select((eb) => ["order_id", eb.fn.sum<number>("amount_fen").as("fen")])
        .where(
          "order_id",
          "in",
          orders.map((o) => o.id),
        )
        .where("status", "=", "succeeded")
        .groupBy("order_id")
        .execute()
    : [];
  return orders.map((o) => ({
    number: o.number,
    status: o.status,
    contactName: o.contact_name,
    phoneMasked: maskPhone(o.phone),
    orgName: o.org_name,
    totalFen: o.total_fen,
    refundedFen: Number(refunded.find((r) => r.order_id === o.id)?.fen ?? 0),
    paidAt: o.paid_at,
    createdAt: o.created_at,
  }));
}

/**
 * The admin order list for what was typed in its search box: the matches, or the recent
 * orders with a message when the text cannot be an order number or a phone.
 */
export async function searchAdminOrders(db: DB, typed: string) {
  const q = typed.slice(0, SEARCH_MAX);
  const search = q.trim() ? parseOrderSearch(q) : null;
  const searchError = q.trim() && !search ? "refund.errors.search" : null;
  // a search that cannot match anything still shows the recent orders below the message
  const orders = await findAdminOrders(db, search);
  return { q, searched: Boolean(search), searchError, orders };
}
