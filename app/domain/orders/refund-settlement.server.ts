import { sql, type Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { recordRefund } from "../aid/ledger.server";
import { counterOfOrder, returnCounterStock } from "../counters/counter-stock.server";
import { tellBuyer } from "../messages/order-messages.server";
import { applyEventOnce } from "../payments/event-log.server";
import { REFUNDABLE_STATUSES } from "./refund-input";
import { refundableLines } from "./refund-lines.server";
import { emptiedCooperatives, orderStatusAfterRefund } from "./refund-rules";
import { OPEN_SHIPMENT_STATUSES } from "./shipment-rules";

// A refund's news from its gateway, and what a confirmed refund changes: the ledger
// reversal, the order's status, stock and parcels. The demo gateway reports at once;
// Stripe reports later by webhook, through the same function.

export interface RefundEvent {
  /** the gateway's own event id; each is applied at most once */
  eventId: string;
  gateway: string;
  refundId: number | null;
  status: "succeeded" | "failed";
  failureReason?: string | null;
  gatewayRefundId?: string | null;
  payload?: unknown;
}

export type RefundEventOutcome =
  "applied" | "duplicate" | "ignored" | "unknown_refund" | "gateway_mismatch";

function findRefund(trx: DB, refundId: number) {
  return trx
    .selectFrom("refunds")
    .select([
      "id",
      "order_id",
      "status",
      "gateway",
      "restock",
      "reason",
      "requested_by",
      "requested_by_name",
    ])
    .where("id", "=", refundId)
    .executeTakeFirst();
}

type RefundRow = NonNullable<Awaited<ReturnType<typeof findRefund>>>;

/**
 * The one place refund news changes anything. The event id is recorded in payment_events
 * in the same transaction as its effects, and a refund only moves forward (requested →
 * succeeded or failed, never back), so a gateway may deliver the same news many times, or
 * late, or out of order.
 *
 * Succeeded: reversing ledger entries dated now; the order becomes `refunded` when every
 * unit of every line has been refunded, else `partially_refunded`; refunded quantities go
 * back to stock if the admin said the goods came back; parcels not yet shipped whose every
 * line is refunded are cancelled. Failed: the refund records why; nothing else changes.
 */
export async function applyRefundEvent(
  db: DB,
  event: RefundEvent,
  now = new Date(),
): Promise<RefundEventOutcome> {
  const logged = {
    id: event.eventId,
    gateway: event.gateway,
    type: `refund.${event.status}`,
    payload: event.payload,
  };
  return applyEventOnce(
    db,
    logged,
    async (trx) => {
      const refund = event.refundId == null ? undefined : await findRefund(trx, event.refundId);
      const outcome = await settleRefund(trx, refund, event, now);
      return { outcome, orderId: refund?.order_id ?? null };
    },
    now,
  );
}

async function settleRefund(
  trx: Transaction<Database>,
  refund: RefundRow | undefined,
  event: RefundEvent,
  now: Date,
): Promise<RefundEventOutcome> {
  if (!refund) return "unknown_refund";
  if (refund.gateway !== event.gateway) return "gateway_mismatch";
  if (refund.status !== "requested") return "ignored";
  // the gateway's own id, kept when the refund was asked for, else taken from the news
  const gatewayRefundId = sql<
    string | null
  >`coalesce(gateway_refund_id, ${event.gatewayRefundId ?? null})`;
  const settled =
    event.status === "failed"
      ? {
          status: "failed" as const,
          failure_reason: event.failureReason?.trim().slice(0, 500) || null,
        }
      : { status: "succeeded" as const, confirmed_at: now.toISOString() };
  await trx
    .updateTable("refunds")
    .set({ ...settled, gateway_refund_id: gatewayRefundId })
    .where("id", "=", refund.id)
    .where("status", "=", "requested")
    .execute();
  if (event.status === "succeeded") {
    await recordRefund(trx, refund.id, now);
    await applyConfirmedRefund(trx, refund, now);
    await tellBuyer(trx, refund.order_id, { kind: "refunded", refundId: refund.id }, now);
  }
  return "applied";
}

interface RefundEffect {
  entity: "product" | "shipment";
  entityId: number;
  cooperativeId: number;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** An audit line for what a refund changed, in the name of the admin who asked for it. */
async function auditRefundEffect(trx: DB, refund: RefundRow, effect: RefundEffect, now: Date) {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: refund.requested_by,
      actor_name: refund.requested_by_name,
      entity: effect.entity,
      entity_id: effect.entityId,
      cooperative_id: effect.cooperativeId,
      action: effect.action,
      before: JSON.stringify(effect.before),
      after: JSON.stringify(effect.after),
      why: `#${refund.id} ${refund.reason}`,
      at: now.toISOString(),
    })
    .execute();
}

/** Order status, stock and parcels after a refund succeeded (inside applyRefundEvent). */
async function applyConfirmedRefund(trx: DB, refund: RefundRow, now: Date) {
  if (refund.restock === 1) await restockRefund(trx, refund, now);
  const lines = await refundableLines(trx, refund.order_id);
  await trx
    .updateTable("orders")
    .set({ status: orderStatusAfterRefund(lines), updated_at: now.toISOString() })
    .where("id", "=", refund.order_id)
    .where("status", "in", REFUNDABLE_STATUSES)
    .execute();
  await cancelEmptiedParcels(trx, refund, emptiedCooperatives(lines), now);
}

/** The goods came back: the refunded quantities go back on the shelf. */
async function restockRefund(trx: DB, refund: RefundRow, now: Date) {
  // goods of a pickup or till order go back on the counter's shelf they came from
  const counterId = await counterOfOrder(trx, refund.order_id);
  if (counterId !== null) {
    const lines = await trx
      .selectFrom("refund_lines as rl")
      .innerJoin("order_lines as l", "l.id", "rl.order_line_id")
      .select(["l.product_id", "rl.quantity"])
      .where("rl.refund_id", "=", refund.id)
      .execute();
    await returnCounterStock(trx, counterId, lines, now);
    return;
  }
  const back = await trx
    .selectFrom("refund_lines as rl")
    .innerJoin("order_lines as l", "l.id", "rl.order_line_id")
    .innerJoin("products as p", "p.id", "l.product_id")
    .select((eb) => [
      "p.id",
      "p.cooperative_id",
      "p.stock",
      eb.fn.sum<number>("rl.quantity").as("quantity"),
    ])
    .where("rl.refund_id", "=", refund.id)
    .groupBy(["p.id", "p.cooperative_id", "p.stock"])
    .execute();
  for (const product of back) {
    const quantity = Number(product.quantity);
    await trx
      .updateTable("products")
      .set((eb) => ({ stock: eb("stock", "+", quantity), updated_at: now.toISOString() }))
      .where("id", "=", product.id)
      .execute();
    await auditRefundEffect(
      trx,
      refund,
      {
        entity: "product",
        entityId: product.id,
        cooperativeId: product.cooperative_id,
        action: "refund_restock",
        before: { stock: product.stock },
        after: { stock: product.stock + quantity },
      },
      now,
    );
  }
}

/**
 * A parcel with nothing left in it is not sent. (The order has left the fulfilment track,
 * so syncOrderFulfilment has nothing to move; the shipments keep the per-parcel truth.)
 */
async function cancelEmptiedParcels(trx: DB, refund: RefundRow, emptied: number[], now: Date) {
  if (!emptied.length) return;
  const parcels = await trx
    .selectFrom("shipments")
    .select(["id", "cooperative_id", "status"])
    .where("order_id", "=", refund.order_id)
    .where("cooperative_id", "in", emptied)
    .where("status", "in", OPEN_SHIPMENT_STATUSES)
    .execute();
  for (const parcel of parcels) {
    await trx
      .updateTable("shipments")
      .set({ status: "cancelled", updated_at: now.toISOString() })
      .where("id", "=", parcel.id)
      .where("status", "in", OPEN_SHIPMENT_STATUSES)
      .execute();
    await auditRefundEffect(
      trx,
      refund,
      {
        entity: "shipment",
        entityId: parcel.id,
        cooperativeId: parcel.cooperative_id,
        action: "cancelled",
        before: { status: parcel.status },
        after: { status: "cancelled" },
      },
      now,
    );
  }
}
