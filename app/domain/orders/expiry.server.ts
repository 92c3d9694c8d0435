import type { DB } from "#db/connection";
import type { OrderStatus } from "#db/schema";
import { counterOfOrder, returnCounterStock } from "../counters/counter-stock.server";
import { metrics } from "~/utils/metrics.server";

type Executor = Pick<DB, "selectFrom" | "updateTable" | "insertInto">;

/**
 * Closes an unpaid order and gives its stock back. The conditional update on
 * `status = 'pending_payment' and stock_released = 0` makes this happen at most once,
 * whichever of the sweep, a cancel click or a gateway event gets there first.
 * Returns whether this call was the one that did it.
 */
export async function closeUnpaidOrder(
  trx: Executor,
  orderId: number,
  to: Extract<OrderStatus, "expired" | "cancelled">,
  now: Date,
): Promise<boolean> {
  const closed = await trx
    .updateTable("orders")
    .set({
      status: to,
      closed_at: now.toISOString(),
      stock_released: 1,
      updated_at: now.toISOString(),
    })
    .where("id", "=", orderId)
    .where("status", "=", "pending_payment")
    .where("stock_released", "=", 0)
    .executeTakeFirst();
  if (closed.numUpdatedRows === 0n) return false;
  const lines = await trx
    .selectFrom("order_lines")
    .select(["product_id", "quantity"])
    .where("order_id", "=", orderId)
    .execute();
  // a pickup order held the counter's stock, not the cooperative's
  const counterId = await counterOfOrder(trx, orderId);
  if (counterId !== null) {
    await returnCounterStock(trx, counterId, lines, now);
    lines.length = 0;
  }
  for (const line of lines) {
    await trx
      .updateTable("products")
      .set((eb) => ({ stock: eb("stock", "+", line.quantity), updated_at: now.toISOString() }))
      .where("id", "=", line.product_id)
      .execute();
  }
  // A Stripe Checkout Session lives on at Stripe (and may yet be paid) until Stripe ends it:
  // its row stays open for the webhook or the reconciliation (payments/reconcile.server.ts)
  // to settle, so money taken for a closed order is never lost from sight.
  await trx
    .updateTable("payments")
    .set({ status: "expired", updated_at: now.toISOString() })
    .where("order_id", "=", orderId)
    .where("status", "=", "open")
    .where("gateway", "!=", "stripe")
    .execute();
  return true;
}

/** The sweep: every unpaid order past its expiry is closed and its stock returned. */
export async function expireStaleOrders(db: DB, now: Date): Promise<number> {
  const timer = metrics.expirySweepDuration.startTimer();
  let expired = 0;
  try {
    const stale = await db
      .selectFrom("orders")
      .select("id")
      .where("status", "=", "pending_payment")
      .where("expires_at", "<=", now.toISOString())
      .execute();
    for (const { id } of stale) {
      const done = await db
        .transaction()
        .execute((trx) => closeUnpaidOrder(trx, id, "expired", now));
      if (done) {
        expired++;
        metrics.ordersExpired.inc();
      }
    }
    metrics.expirySweeps.inc({ result: "ok" });
    return expired;
  } catch (error) {
    metrics.expirySweeps.inc({ result: "failed" });
    throw error;
  } finally {
    timer();
  }
}

/** What a reader should be told, even before the sweep has run: past expiry is expired. */
export function effectiveStatus(
  order: { status: OrderStatus; expires_at: string },
  now: Date,
): OrderStatus {
  if (order.status === "pending_payment" && order.expires_at <= now.toISOString()) return "expired";
  return order.status;
}
