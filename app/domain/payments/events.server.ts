import type { Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database, OrderStatus } from "#db/schema";
import { recordSale } from "../aid/ledger.server";
import { tellBuyer } from "../messages/order-messages.server";
import { closeUnpaidOrder } from "../orders/expiry.server";
import { metrics } from "~/utils/metrics.server";
import { applyEventOnce } from "./event-log.server";
import { createShipmentsForOrder } from "../orders/shipments.server";
import { counterOfOrder, retakeCounterStock } from "../counters/counter-stock.server";

export type PaymentEventType =
  | "payment.succeeded"
  /** the shopper finished, but an asynchronous method has not settled yet */
  | "payment.processing"
  | "payment.failed"
  | "payment.cancelled"
  | "payment.expired";

/** How long an order waits for an asynchronous payment method to settle. */
export const PROCESSING_HOLD_HOURS = 72;

export interface PaymentEvent {
  /** the gateway's own event id; each is applied at most once */
  id: string;
  gateway: string;
  type: PaymentEventType;
  orderId: number | null;
  paymentId: string | null;
  amountFen: number | null;
  payload: unknown;
}

export type EventOutcome =
  "applied" | "duplicate" | "ignored" | "unknown_order" | "amount_mismatch" | "paid_after_close";

const AFTER_PAYMENT: OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "refunded",
  "partially_refunded",
];

type Trx = Transaction<Database>;

type PaymentStatus = "succeeded" | "processing" | "failed" | "cancelled" | "expired";

/** What every handler below works on: the event, its order, and the moment it applies. */
interface EventContext {
  trx: Trx;
  event: PaymentEvent;
  order: { id: number; status: OrderStatus; total_fen: number };
  now: Date;
  stamp: string;
}

async function setPayment(ctx: EventContext, status: PaymentStatus): Promise<void> {
  if (!ctx.event.paymentId) return;
  await ctx.trx
    .updateTable("payments")
    .set({ status, updated_at: ctx.stamp })
    .where("id", "=", ctx.event.paymentId)
    .where("order_id", "=", ctx.order.id)
    .execute();
}

// An attempt that has already ended (failed, expired, paid) does not go back to
// waiting: news that it is processing, or failed again, arrives late.
async function attemptEnded(ctx: EventContext): Promise<boolean> {
  if (!ctx.event.paymentId) return false;
  const payment = await ctx.trx
    .selectFrom("payments")
    .select("status")
    .where("id", "=", ctx.event.paymentId)
    .where("order_id", "=", ctx.order.id)
    .executeTakeFirst();
  return payment ? !["open", "processing"].includes(payment.status) : false;
}

async function applySucceeded(ctx: EventContext): Promise<EventOutcome> {
  const { trx, event, order, now, stamp } = ctx;
  if (AFTER_PAYMENT.includes(order.status)) return "ignored";
  if (event.amountFen !== order.total_fen) return "amount_mismatch";
  if (order.status !== "pending_payment") {
    // Money arrived for an order already closed: put it back on its feet only if
    // every unit can still be taken; otherwise it waits for a refund.
    const retaken = await retakeStock(trx, order.id, stamp);
    if (!retaken) {
      await setPayment(ctx, "succeeded");
      return "paid_after_close";
    }
  }
  await trx
    .updateTable("orders")
    .set({
      status: "paid",
      paid_at: stamp,
      closed_at: null,
      stock_released: 0,
      updated_at: stamp,
    })
    .where("id", "=", order.id)
    .execute();
  // One parcel per cooperative, due from this moment (cold chain: within 48 h).
  await createShipmentsForOrder(trx, order.id, now);
  // Every paid line is counted in the aid ledger, in this same transaction.
  await recordSale(trx, order.id, now);
  await tellBuyer(trx, order.id, { kind: "paid" }, now);
  await setPayment(ctx, "succeeded");
  return "applied";
}

async function applyFailedOrCancelled(ctx: EventContext): Promise<EventOutcome> {
  if (ctx.order.status !== "pending_payment" || (await attemptEnded(ctx))) return "ignored";
  await setPayment(ctx, ctx.event.type === "payment.failed" ? "failed" : "cancelled");
  return "applied";
}

async function applyProcessing(ctx: EventContext): Promise<EventOutcome> {
  const { trx, order, now, stamp } = ctx;
  if (order.status !== "pending_payment" || (await attemptEnded(ctx))) return "ignored";
  // keep the stock while the money is on its way
  await trx
    .updateTable("orders")
    .set({
      expires_at: new Date(now.getTime() + PROCESSING_HOLD_HOURS * 3_600_000).toISOString(),
      updated_at: stamp,
    })
    .where("id", "=", order.id)
    .execute();
  await setPayment(ctx, "processing");
  return "applied";
}

async function applyExpired(ctx: EventContext): Promise<EventOutcome> {
  const { trx, event, order, now } = ctx;
  if (event.paymentId) {
    const payment = await trx
      .selectFrom("payments")
      .select("status")
      .where("id", "=", event.paymentId)
      .executeTakeFirst();
    if (payment?.status === "open") await setPayment(ctx, "expired");
    // Another live attempt keeps the order open: a newer session, an older one whose
    // money is on its way (async methods), or the one that replaced this session
    // after the store died before recording it (this session then has no row).
    const alive = await trx
      .selectFrom("payments")
      .select("id")
      .where("order_id", "=", order.id)
      .where("id", "!=", event.paymentId)
      .where("status", "in", ["open", "processing", "succeeded"])
      .executeTakeFirst();
    if (alive) return "ignored";
  }
  const closed = await closeUnpaidOrder(trx, order.id, "expired", now);
  return closed ? "applied" : "ignored";
}

const HANDLERS: Record<PaymentEventType, (ctx: EventContext) => Promise<EventOutcome>> = {
  "payment.succeeded": applySucceeded,
  "payment.failed": applyFailedOrCancelled,
  "payment.cancelled": applyFailedOrCancelled,
  "payment.processing": applyProcessing,
  "payment.expired": applyExpired,
};

async function applyToOrder(trx: Trx, event: PaymentEvent, now: Date): Promise<EventOutcome> {
  if (event.orderId == null) return "unknown_order";
  const order = await trx
    .selectFrom("orders")
    .select(["id", "status", "total_fen", "stock_released"])
    .where("id", "=", event.orderId)
    .executeTakeFirst();
  if (!order) return "unknown_order";
  return HANDLERS[event.type]({ trx, event, order, now, stamp: now.toISOString() });
}

/**
 * The one place payment news changes an order. The event id is recorded in the same
 * transaction as its effects, and only forward changes apply, so a gateway may deliver
 * the same event many times, or late, or out of order.
 */
export async function applyPaymentEvent(
  db: DB,
  event: PaymentEvent,
  now = new Date(),
): Promise<EventOutcome> {
  const outcome = await applyEventOnce(
    db,
    event,
    async (trx) => ({ outcome: await applyToOrder(trx, event, now), orderId: event.orderId }),
    now,
  );
  // counted once committed: "applied" for a success is the one moment an order becomes paid
  if (outcome === "applied" && event.type === "payment.succeeded")
    metrics.ordersPaid.inc({ channel: "online" });
  return outcome;
}

async function retakeStock(trx: Trx, orderId: number, stamp: string): Promise<boolean> {
  const counterId = await counterOfOrder(trx, orderId);
  if (counterId !== null) {
    const own = await trx
      .selectFrom("order_lines")
      .select(["product_id", "quantity"])
      .where("order_id", "=", orderId)
      .execute();
    return retakeCounterStock(trx, counterId, own, new Date(stamp));
  }
  const lines = await trx
    .selectFrom("order_lines as l")
    .innerJoin("products as p", "p.id", "l.product_id")
    .select(["l.product_id", "l.quantity", "p.stock"])
    .where("l.order_id", "=", orderId)
    .execute();
  // The transaction holds the write lock (BEGIN IMMEDIATE), so checking first and then
  // taking is atomic; all lines are checked before any is taken.
  const needed = new Map<number, { quantity: number; stock: number }>();
  for (const l of lines) {
    const n = needed.get(l.product_id) ?? { quantity: 0, stock: l.stock };
    n.quantity += l.quantity;
    needed.set(l.product_id, n);
  }
  for (const n of needed.values()) if (n.stock < n.quantity) return false;
  for (const [productId, n] of needed) {
    await trx
      .updateTable("products")
      .set((eb) => ({ stock: eb("stock", "-", n.quantity), updated_at: stamp }))
      .where("id", "=", productId)
      .execute();
  }
  return true;
}
