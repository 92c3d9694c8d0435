// What the buyer's order page adds to the order's detail: the note they left, a timeline
// of what happened, the refunds (amount, date, reason, aid reversed) and what each line had
// refunded. Read for an order the route already checked the viewer may see.
import type { DB } from "#db/connection";
import { type Locale } from "~/i18n/config";
import { orderAfterSales } from "../after-sales/after-sales-queries.server";
import { listOrderRefunds, refundableLines } from "./refund-lines.server";

export type TimelineEvent =
  | { kind: "placed"; at: string }
  | { kind: "paid"; at: string }
  | { kind: "closed"; at: string; status: "expired" | "cancelled" }
  | {
      kind: "shipped";
      at: string;
      cooperative: string;
      carrier: string | null;
      tracking: string | null;
    }
  | { kind: "delivered"; at: string; cooperative: string }
  | { kind: "parcelCancelled"; at: string; cooperative: string }
  | { kind: "refunded"; at: string; amountFen: number }
  | { kind: "afterSalesAsked"; at: string; product: string }
  | { kind: "afterSalesDecided"; at: string; product: string; status: "approved" | "rejected" };

interface TimelineSources {
  order: { status: string; created_at: string; paid_at: string | null; closed_at: string | null };
  parcels: Array<{
    status: string;
    name: string;
    carrier: string | null;
    tracking_number: string | null;
    shipped_at: string | null;
    delivered_at: string | null;
    updated_at: string;
  }>;
  refunds: Array<{ confirmedAt: string | null; amountFen: number }>;
  afterSales: Array<{
    createdAt: string;
    decidedAt: string | null;
    productName: string;
    status: "open" | "approved" | "rejected";
  }>;
}

/** The order's events, oldest first, from its rows (pure: easy to test). */
export function buildTimeline(
  order: TimelineSources["order"],
  parcels: TimelineSources["parcels"],
  succeeded: TimelineSources["refunds"],
  afterSales: TimelineSources["afterSales"],
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: "placed", at: order.created_at }];
  if (order.paid_at) events.push({ kind: "paid", at: order.paid_at });
  if (
    !order.paid_at &&
    order.closed_at &&
    (order.status === "expired" || order.status === "cancelled")
  ) {
    events.push({ kind: "closed", at: order.closed_at, status: order.status });
  }
  for (const p of parcels) {
    if (p.shipped_at) {
      events.push({
        kind: "shipped",
        at: p.shipped_at,
        cooperative: p.name,
        carrier: p.carrier,
        tracking: p.tracking_number,
      });
    }
    if (p.delivered_at) events.push({ kind: "delivered", at: p.delivered_at, cooperative: p.name });
    if (p.status === "cancelled") {
      events.push({ kind: "parcelCancelled", at: p.updated_at, cooperative: p.name });
    }
  }
  for (const r of succeeded) {
    events.push({ kind: "refunded", at: r.confirmedAt as string, amountFen: r.amountFen });
  }
  for (const a of afterSales) {
    events.push({ kind: "afterSalesAsked", at: a.createdAt, product: a.productName });
    if (a.decidedAt && a.status !== "open") {
      events.push({
        kind: "afterSalesDecided",
        at: a.decidedAt,
        product: a.productName,
        status: a.status,
      });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export async function buyerOrderExtras(db: DB, orderId: number, locale: Locale) {
  const [order, parcels, refunds, lines, afterSales] = await Promise.all([
    db
      .selectFrom("orders")
      .select(["note", "status", "created_at", "paid_at", "closed_at"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("shipments as s")
      .innerJoin("cooperatives as c", "c.id", "s.cooperative_id")
      .select([
        "s.id",
        "s.status",
        "s.carrier",
        "s.tracking_number",
        "s.shipped_at",
        "s.delivered_at",
        "s.updated_at",
        locale === "en" ? "c.name_en as name" : "c.name_zh as name",
      ])
      .where("s.order_id", "=", orderId)
      .orderBy("s.id")
      .execute(),
    listOrderRefunds(db, orderId, locale),
    refundableLines(db, orderId, locale),
    orderAfterSales(db, orderId, locale),
  ]);
  const succeeded = refunds.filter((r) => r.status === "succeeded" && r.confirmedAt);
  const events = buildTimeline(order, parcels, succeeded, afterSales);
  return {
    note: order.note,
    timeline: events,
    // what the buyer is told of each refund: never who did it, nor the gateway's ids
    refunds: succeeded.map((r) => ({
      id: r.id,
      amountFen: r.amountFen,
      confirmedAt: r.confirmedAt as string,
      reason: r.reason,
      lines: r.lines.map((l) => ({ name: l.name, quantity: l.quantity })),
    })),
    lineRefunds: lines.map((l) => ({
      id: l.id,
      refundedQuantity: l.refundedQuantity,
      refundableQuantity: l.refundableQuantity,
    })),
    afterSales,
  };
}

export type BuyerOrderExtras = Awaited<ReturnType<typeof buyerOrderExtras>>;
