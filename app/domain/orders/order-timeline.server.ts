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
  | { kind: "collected"; at: string; counter: string }
  | { kind: "parcelCancelled"; at: string; cooperative: string }
  | { kind: "refunded"; at: string; amountFen: number }
  | { kind: "afterSalesAsked"; at: string; product: string }
  | { kind: "afterSalesDecided"; at: string; product: string; status: "approved" | "rejected" };

/** What the timeline reads of the order's detail (getOrderDetail), which the page has already. */
export interface TimelineOrder {
  id: number;
  status: string;
  note: string | null;
  createdAt: string;
  paidAt: string | null;
  closedAt: string | null;
  /** a pickup order handed over at its counter (ADR 048) */
  collected?: { at: string; counter: string } | null;
  shipments: Array<{
    status: string;
    cooperativeName: string;
    carrier: string | null;
    trackingNumber: string | null;
    shippedAt: string | null;
    deliveredAt: string | null;
    updatedAt: string;
  }>;
}

interface TimelineSources {
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
  order: TimelineOrder,
  succeeded: TimelineSources["refunds"],
  afterSales: TimelineSources["afterSales"],
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: "placed", at: order.createdAt }];
  if (order.paidAt) events.push({ kind: "paid", at: order.paidAt });
  if (
    !order.paidAt &&
    order.closedAt &&
    (order.status === "expired" || order.status === "cancelled")
  ) {
    events.push({ kind: "closed", at: order.closedAt, status: order.status });
  }
  for (const p of order.shipments) {
    if (p.shippedAt) {
      events.push({
        kind: "shipped",
        at: p.shippedAt,
        cooperative: p.cooperativeName,
        carrier: p.carrier,
        tracking: p.trackingNumber,
      });
    }
    if (p.deliveredAt) {
      events.push({ kind: "delivered", at: p.deliveredAt, cooperative: p.cooperativeName });
    }
    if (p.status === "cancelled") {
      events.push({ kind: "parcelCancelled", at: p.updatedAt, cooperative: p.cooperativeName });
    }
  }
  if (order.collected) {
    events.push({ kind: "collected", at: order.collected.at, counter: order.collected.counter });
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

/**
 * Adds to the order's detail (its row and parcels, read once by getOrderDetail) what
 * only the buyer's page shows: refunds, what each line had refunded, after-sales requests.
 */
export async function buyerOrderExtras(db: DB, order: TimelineOrder, locale: Locale) {
  const [refunds, lines, afterSales] = await Promise.all([
    listOrderRefunds(db, order.id, locale),
    refundableLines(db, order.id, locale),
    orderAfterSales(db, order.id, locale),
  ]);
  const succeeded = refunds.filter((r) => r.status === "succeeded" && r.confirmedAt);
  const events = buildTimeline(order, succeeded, afterSales);
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
