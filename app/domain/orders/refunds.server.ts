// Refunds: an admin asks for money back for a whole order or chosen lines; the order's
// payment gateway returns it and reports back through `applyRefundEvent`
// (refund-settlement.server.ts), the one place a refund changes anything (ledger reversal,
// order status, stock, parcels).
import crypto from "node:crypto";
import type { DB } from "#db/connection";
import type { RefundStatus } from "#db/schema";
import { log } from "~/utils/log.server";
import { DomainError, NotFoundError } from "../errors";
import { RefundDeclinedError, type PaymentGateway } from "../payments/gateway";
import { IDEMPOTENCY_KEY_RE, REASON_MAX, REASON_MIN, REFUNDABLE_STATUSES } from "./refund-input";
import { refundableLines, refundShippingTaken } from "./refund-lines.server";
import {
  planRefund,
  refundableShippingFen,
  type RefundLineState,
  type RefundPlan,
  type RefundSelection,
} from "./refund-rules";
import { applyRefundEvent } from "./refund-settlement.server";

export interface RefundActor {
  id: number | null;
  name: string;
}

export interface RefundRequestInput {
  orderId: number;
  selection: RefundSelection;
  /** the goods came back (or never left): put the refunded quantities back on the shelf */
  restock: boolean;
  reason: string;
  /** one per refund form; a second submission with the same key returns the first refund */
  idempotencyKey?: string;
  actor: RefundActor;
}

export interface RequestRefundOptions {
  /** the gateway an order was paid through, by name (gatewayNamed in production) */
  gatewayFor: (name: string) => PaymentGateway;
  now?: Date;
}

export interface RefundResult {
  refundId: number;
  status: RefundStatus;
  amountFen: number;
  failureReason: string | null;
  /** this key was used before: nothing new was asked for */
  duplicate: boolean;
}

/** A fresh idempotency key for one refund form. */
export function newIdempotencyKey(): string {
  return `rf_${crypto.randomBytes(18).toString("base64url")}`;
}

async function refundState(db: DB, refundId: number, duplicate: boolean) {
  const row = await db
    .selectFrom("refunds")
    .select(["id", "status", "amount_fen", "failure_reason"])
    .where("id", "=", refundId)
    .executeTakeFirstOrThrow();
  return {
    refundId: row.id,
    status: row.status,
    amountFen: row.amount_fen,
    failureReason: row.failure_reason,
    duplicate,
  } satisfies RefundResult;
}

/** A refund request once its reason and key are checked. */
type CheckedRequest = RefundRequestInput & { idempotencyKey: string };

/** What the transaction recorded: a refund to ask the gateway for, or the earlier one. */
type Recorded =
  | { duplicate: true; refundId: number }
  | {
      duplicate: false;
      refundId: number;
      gateway: PaymentGateway;
      orderId: number;
      amountFen: number;
    };

/**
 * Records a refund (status `requested`, with its lines) and asks the order's gateway for
 * the money. In one transaction (which holds the write lock) it checks the order may be
 * refunded and that no line goes beyond its quantity minus what was already refunded or
 * requested; a whole-order refund takes every unit left. The refund that leaves nothing
 * else to refund also returns the shipping fee. The gateway is called after the commit,
 * never inside a transaction; its answer arrives through `applyRefundEvent`.
 *
 * Refusals are DomainErrors whose `field` is the form field to show them beside
 * (`qty_<line>`, `lines`, `reason`) or none for the whole form.
 */
export async function requestRefund(
  db: DB,
  input: RefundRequestInput,
  options: RequestRefundOptions,
): Promise<RefundResult> {
  const now = options.now ?? new Date();
  const reason = input.reason.trim();
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) {
    throw new DomainError("refund.errors.reason", 400, {}, "reason");
  }
  const idempotencyKey = input.idempotencyKey ?? newIdempotencyKey();
  if (!IDEMPOTENCY_KEY_RE.test(idempotencyKey)) throw new DomainError("refund.errors.form", 400);

  const request = { ...input, reason, idempotencyKey };
  const recorded = await db
    .transaction()
    .execute((trx) => recordRefundRequest(trx, request, options.gatewayFor, now));
  if (recorded.duplicate) return refundState(db, recorded.refundId, true);
  await askGateway(db, recorded, idempotencyKey, now);
  return refundState(db, recorded.refundId, false);
}

/** The checks and the writes of requestRefund, inside its transaction. */
async function recordRefundRequest(
  trx: DB,
  request: CheckedRequest,
  gatewayFor: RequestRefundOptions["gatewayFor"],
  now: Date,
): Promise<Recorded> {
  const order = await trx
    .selectFrom("orders")
    .select(["id", "status", "shipping_fen", "payment_gateway"])
    .where("id", "=", request.orderId)
    .executeTakeFirst();
  if (!order) throw new NotFoundError("order");
  const existing = await trx
    .selectFrom("refunds")
    .select(["id", "order_id"])
    .where("idempotency_key", "=", request.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
    if (existing.order_id !== order.id) throw new DomainError("refund.errors.form", 409);
    return { refundId: existing.id, duplicate: true };
  }
  if (!REFUNDABLE_STATUSES.includes(order.status)) {
    throw new DomainError("refund.errors.notRefundable", 409, { status: order.status });
  }
  let gateway: PaymentGateway;
  try {
    gateway = gatewayFor(order.payment_gateway);
  } catch {
    throw new DomainError("refund.errors.noGateway", 409, { gateway: order.payment_gateway });
  }
  const lines = await refundableLines(trx, order.id);
  const taken = await refundShippingTaken(trx, order.id);
  const plan = planRefund(
    lines,
    request.selection,
    refundableShippingFen(order.shipping_fen, taken),
  );
  const refundId = await insertRefund(trx, request, { orderId: order.id, gateway, plan, now });
  return { refundId, duplicate: false, gateway, orderId: order.id, amountFen: plan.amountFen };
}

async function insertRefund(
  trx: DB,
  request: CheckedRequest,
  what: { orderId: number; gateway: PaymentGateway; plan: RefundPlan<RefundLineState>; now: Date },
): Promise<number> {
  const refund = await trx
    .insertInto("refunds")
    .values({
      order_id: what.orderId,
      status: "requested",
      amount_fen: what.plan.amountFen,
      restock: request.restock ? 1 : 0,
      reason: request.reason,
      idempotency_key: request.idempotencyKey,
      gateway: what.gateway.name,
      gateway_refund_id: null,
      requested_by: request.actor.id,
      requested_by_name: request.actor.name,
      requested_at: what.now.toISOString(),
      confirmed_at: null,
      failure_reason: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("refund_lines")
    .values(
      what.plan.picked.map((p) => ({
        refund_id: refund.id,
        order_line_id: p.line.id,
        quantity: p.quantity,
        amount_fen: p.line.unitPriceFen * p.quantity,
      })),
    )
    .execute();
  return refund.id;
}

/** Asks the gateway for the money, after the commit; a clear no settles the refund as failed. */
async function askGateway(
  db: DB,
  recorded: Extract<Recorded, { duplicate: false }>,
  idempotencyKey: string,
  now: Date,
) {
  const { gateway, refundId, orderId, amountFen } = recorded;
  try {
    const { gatewayRefundId } = await gateway.refund(
      db,
      { refundId, orderId, amountFen, idempotencyKey },
      now,
    );
    await db
      .updateTable("refunds")
      .set({ gateway_refund_id: gatewayRefundId })
      .where("id", "=", refundId)
      .where("gateway_refund_id", "is", null)
      .execute();
  } catch (error) {
    if (error instanceof RefundDeclinedError) {
      await applyRefundEvent(
        db,
        {
          eventId: `${gateway.name}_refund_${refundId}_declined`,
          gateway: gateway.name,
          refundId,
          status: "failed",
          failureReason: error.reason,
          payload: { declined: true },
        },
        now,
      );
    } else {
      // The gateway may or may not have acted: the refund stays requested (its units stay
      // taken) until the gateway reports back through applyRefundEvent.
      log.error(`refund ${refundId}: no clear answer from ${gateway.name}`, error, {
        refundId,
        gateway: gateway.name,
      });
    }
  }
}
