// Refunds: an admin asks for money back for a whole order or chosen lines; the order's
// payment gateway returns it and reports back through `applyRefundEvent`, the one place a
// refund changes anything (ledger reversal, order status, stock, parcels). The demo gateway
// reports at once; Stripe will report later by webhook, through the same function.
import { lang } from "~/i18n/config";
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { OrderStatus, RefundStatus } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { MOBILE_RE, normalizeMobile } from "../checkout/checkout-input";
import { DomainError, NotFoundError } from "../errors";
import { ORDER_NUMBER_RE } from "../orders/order-number";
import { maskPhone } from "../orders/orders.server";
import { OPEN_SHIPMENT_STATUSES } from "../orders/shipment-rules";
import { orderShipments } from "../orders/shipments.server";
import { applyEventOnce } from "../payments/event-log.server";
import { RefundDeclinedError, type PaymentGateway } from "../payments/gateway";
import { recordRefund } from "./ledger.server";
import {
  IDEMPOTENCY_KEY_RE,
  quantityField,
  REASON_MAX,
  REASON_MIN,
  REFUNDABLE_STATUSES,
} from "./refund-input";

/** The database or a transaction: both are Kysely<Database>. */
type Executor = DB;

export interface RefundActor {
  id: number | null;
  name: string;
}

export type RefundSelection =
  { mode: "all" } | { mode: "lines"; lines: Array<{ orderLineId: number; quantity: number }> };

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

/**
 * Each line of the order with what has been refunded (confirmed), what is waiting for the
 * gateway (requested), and what may still be refunded. Three queries, whatever the size.
 */
export async function refundableLines(db: Executor, orderId: number, locale: Locale = "zh-CN") {
  const l = lang(locale);
  const lines = await db
    .selectFrom("order_lines")
    .select([
      "id",
      "product_id",
      "product_slug",
      sql.ref<string>(`product_name_${l}`).as("name"),
      sql.ref<string>(`unit_${l}`).as("unit"),
      "cooperative_id",
      "cooperative_name_zh",
      "unit_price_fen",
      "quantity",
      "line_total_fen",
      "aid_eligible",
    ])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  const taken = await db
    .selectFrom("refund_lines as rl")
    .innerJoin("refunds as r", "r.id", "rl.refund_id")
    .select((eb) => [
      "rl.order_line_id",
      "r.status",
      eb.fn.sum<number>("rl.quantity").as("quantity"),
      eb.fn.sum<number>("rl.amount_fen").as("amount_fen"),
    ])
    .where("r.order_id", "=", orderId)
    .where("r.status", "in", ["requested", "succeeded"])
    .groupBy(["rl.order_line_id", "r.status"])
    .execute();
  const sum = (lineId: number, status: RefundStatus, what: "quantity" | "amount_fen") =>
    taken
      .filter((t) => t.order_line_id === lineId && t.status === status)
      .reduce((s, t) => s + Number(t[what]), 0);
  return lines.map((line) => {
    const refundedQuantity = sum(line.id, "succeeded", "quantity");
    const pendingQuantity = sum(line.id, "requested", "quantity");
    return {
      id: line.id,
      productId: line.product_id,
      productSlug: line.product_slug,
      name: line.name,
      unit: line.unit,
      cooperativeId: line.cooperative_id,
      cooperativeName: line.cooperative_name_zh,
      unitPriceFen: line.unit_price_fen,
      quantity: line.quantity,
      lineTotalFen: line.line_total_fen,
      aidEligible: line.aid_eligible === 1,
      refundedQuantity,
      refundedFen: sum(line.id, "succeeded", "amount_fen"),
      pendingQuantity,
      refundableQuantity: Math.max(0, line.quantity - refundedQuantity - pendingQuantity),
    };
  });
}

export type RefundableLine = Awaited<ReturnType<typeof refundableLines>>[number];

/** Refunds of an order, newest first, each with its lines and the shipping fee it returned. */
export async function listOrderRefunds(db: Executor, orderId: number, locale: Locale = "zh-CN") {
  const l = lang(locale);
  const refunds = await db
    .selectFrom("refunds")
    .select([
      "id",
      "status",
      "amount_fen",
      "restock",
      "reason",
      "gateway",
      "gateway_refund_id",
      "requested_by_name",
      "requested_at",
      "confirmed_at",
      "failure_reason",
    ])
    .where("order_id", "=", orderId)
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .execute();
  if (!refunds.length) return [];
  const lines = await db
    .selectFrom("refund_lines as rl")
    .innerJoin("order_lines as ol", "ol.id", "rl.order_line_id")
    .select([
      "rl.refund_id",
      "rl.order_line_id",
      sql.ref<string>(`ol.product_name_${l}`).as("name"),
      "rl.quantity",
      "rl.amount_fen",
    ])
    .where(
      "rl.refund_id",
      "in",
      refunds.map((r) => r.id),
    )
    .orderBy("rl.order_line_id")
    .execute();
  return refunds.map((r) => {
    const own = lines.filter((line) => line.refund_id === r.id);
    const linesFen = own.reduce((s, line) => s + line.amount_fen, 0);
    return {
      id: r.id,
      status: r.status,
      amountFen: r.amount_fen,
      shippingFen: r.amount_fen - linesFen,
      restock: r.restock === 1,
      reason: r.reason,
      gateway: r.gateway,
      gatewayRefundId: r.gateway_refund_id,
      requestedByName: r.requested_by_name,
      requestedAt: r.requested_at,
      confirmedAt: r.confirmed_at,
      failureReason: r.failure_reason,
      lines: own.map((line) => ({
        orderLineId: line.order_line_id,
        name: line.name,
        quantity: line.quantity,
        amountFen: line.amount_fen,
      })),
    };
  });
}

/** Shipping fee already returned, or on its way back (requested or succeeded refunds). */
async function shippingTaken(trx: Executor, orderId: number): Promise<number> {
  const rows = await trx
    .selectFrom("refunds as r")
    .leftJoin("refund_lines as rl", "rl.refund_id", "r.id")
    .select((eb) => [
      "r.id",
      "r.amount_fen",
      eb.fn.coalesce(eb.fn.sum<number>("rl.amount_fen"), sql<number>`0`).as("lines_fen"),
    ])
    .where("r.order_id", "=", orderId)
    .where("r.status", "in", ["requested", "succeeded"])
    .groupBy(["r.id", "r.amount_fen"])
    .execute();
  return rows.reduce((s, r) => s + (r.amount_fen - Number(r.lines_fen)), 0);
}

async function refundState(db: Executor, refundId: number, duplicate: boolean) {
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
  const key = input.idempotencyKey ?? newIdempotencyKey();
  if (!IDEMPOTENCY_KEY_RE.test(key)) throw new DomainError("refund.errors.form", 400);

  const recorded = await db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom("orders")
      .select(["id", "status", "shipping_fen", "payment_gateway"])
      .where("id", "=", input.orderId)
      .executeTakeFirst();
    if (!order) throw new NotFoundError("order");
    const existing = await trx
      .selectFrom("refunds")
      .select(["id", "order_id"])
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
    if (existing) {
      if (existing.order_id !== order.id) throw new DomainError("refund.errors.form", 409);
      return { refundId: existing.id, duplicate: true as const };
    }
    if (!REFUNDABLE_STATUSES.includes(order.status)) {
      throw new DomainError("refund.errors.notRefundable", 409, { status: order.status });
    }
    let gateway: PaymentGateway;
    try {
      gateway = options.gatewayFor(order.payment_gateway);
    } catch {
      throw new DomainError("refund.errors.noGateway", 409, { gateway: order.payment_gateway });
    }

    const lines = await refundableLines(trx, order.id);
    const picked: Array<{ line: RefundableLine; quantity: number }> = [];
    if (input.selection.mode === "all") {
      for (const line of lines) {
        if (line.refundableQuantity > 0) picked.push({ line, quantity: line.refundableQuantity });
      }
      if (!picked.length) throw new DomainError("refund.errors.nothingLeft", 409);
    } else {
      for (const wanted of input.selection.lines) {
        const field = quantityField(wanted.orderLineId);
        const line = lines.find((l) => l.id === wanted.orderLineId);
        if (!line) throw new DomainError("refund.errors.unknownLine", 400, {}, field);
        if (picked.some((p) => p.line.id === line.id)) {
          throw new DomainError("refund.errors.quantity", 400, {}, field);
        }
        if (!Number.isSafeInteger(wanted.quantity) || wanted.quantity < 0) {
          throw new DomainError("refund.errors.quantity", 400, {}, field);
        }
        if (wanted.quantity === 0) continue;
        if (wanted.quantity > line.refundableQuantity) {
          throw new DomainError(
            "refund.errors.overRefund",
            409,
            { max: line.refundableQuantity },
            field,
          );
        }
        picked.push({ line, quantity: wanted.quantity });
      }
      if (!picked.length) throw new DomainError("refund.errors.nothingSelected", 400, {}, "lines");
    }

    const linesFen = picked.reduce((s, p) => s + p.line.unitPriceFen * p.quantity, 0);
    const leavesNothing = lines.every(
      (l) => l.refundableQuantity === (picked.find((p) => p.line.id === l.id)?.quantity ?? 0),
    );
    const shippingFen =
      leavesNothing && (await shippingTaken(trx, order.id)) === 0 ? order.shipping_fen : 0;
    const amountFen = linesFen + shippingFen;
    if (amountFen <= 0) throw new DomainError("refund.errors.nothingSelected", 400, {}, "lines");

    const refund = await trx
      .insertInto("refunds")
      .values({
        order_id: order.id,
        status: "requested",
        amount_fen: amountFen,
        restock: input.restock ? 1 : 0,
        reason,
        idempotency_key: key,
        gateway: gateway.name,
        gateway_refund_id: null,
        requested_by: input.actor.id,
        requested_by_name: input.actor.name,
        requested_at: now.toISOString(),
        confirmed_at: null,
        failure_reason: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("refund_lines")
      .values(
        picked.map((p) => ({
          refund_id: refund.id,
          order_line_id: p.line.id,
          quantity: p.quantity,
          amount_fen: p.line.unitPriceFen * p.quantity,
        })),
      )
      .execute();
    return {
      refundId: refund.id,
      duplicate: false as const,
      gateway,
      orderId: order.id,
      amountFen,
    };
  });

  if (recorded.duplicate) return refundState(db, recorded.refundId, true);
  const { gateway, refundId } = recorded;
  try {
    const { gatewayRefundId } = await gateway.refund(
      db,
      { refundId, orderId: recorded.orderId, amountFen: recorded.amountFen, idempotencyKey: key },
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
      console.error(`refund ${refundId}: no clear answer from ${gateway.name}`, error);
    }
  }
  return refundState(db, refundId, false);
}

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
      const refund =
        event.refundId == null
          ? undefined
          : await trx
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
              .where("id", "=", event.refundId)
              .executeTakeFirst();

      const outcome = await (async (): Promise<RefundEventOutcome> => {
        if (!refund) return "unknown_refund";
        if (refund.gateway !== event.gateway) return "gateway_mismatch";
        if (refund.status !== "requested") return "ignored";
        const stamp = now.toISOString();
        if (event.status === "failed") {
          await trx
            .updateTable("refunds")
            .set({
              status: "failed",
              failure_reason: event.failureReason?.trim().slice(0, 500) || null,
              gateway_refund_id: sql<
                string | null
              >`coalesce(gateway_refund_id, ${event.gatewayRefundId ?? null})`,
            })
            .where("id", "=", refund.id)
            .where("status", "=", "requested")
            .execute();
          return "applied";
        }
        await trx
          .updateTable("refunds")
          .set({
            status: "succeeded",
            confirmed_at: stamp,
            gateway_refund_id: sql<
              string | null
            >`coalesce(gateway_refund_id, ${event.gatewayRefundId ?? null})`,
          })
          .where("id", "=", refund.id)
          .where("status", "=", "requested")
          .execute();
        await recordRefund(trx, refund.id, now);
        await applyConfirmedRefund(trx, refund, now);
        return "applied";
      })();

      return { outcome, orderId: refund?.order_id ?? null };
    },
    now,
  );
}

/** Order status, stock and parcels after a refund succeeded (inside applyRefundEvent). */
async function applyConfirmedRefund(
  trx: Executor,
  refund: {
    id: number;
    order_id: number;
    restock: 0 | 1;
    reason: string;
    requested_by: number | null;
    requested_by_name: string;
  },
  now: Date,
) {
  const stamp = now.toISOString();
  const actor = { id: refund.requested_by, name: refund.requested_by_name };

  if (refund.restock === 1) {
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
        .set((eb) => ({ stock: eb("stock", "+", quantity), updated_at: stamp }))
        .where("id", "=", product.id)
        .execute();
      await trx
        .insertInto("audit_log")
        .values({
          actor_id: actor.id,
          actor_name: actor.name,
          entity: "product",
          entity_id: product.id,
          cooperative_id: product.cooperative_id,
          action: "refund_restock",
          before: JSON.stringify({ stock: product.stock }),
          after: JSON.stringify({ stock: product.stock + quantity }),
          why: `#${refund.id} ${refund.reason}`,
          at: stamp,
        })
        .execute();
    }
  }

  const lines = await refundableLines(trx, refund.order_id);
  const fullyRefunded = (l: RefundableLine) => l.refundedQuantity >= l.quantity;
  const status: OrderStatus = lines.every(fullyRefunded) ? "refunded" : "partially_refunded";
  await trx
    .updateTable("orders")
    .set({ status, updated_at: stamp })
    .where("id", "=", refund.order_id)
    .where("status", "in", REFUNDABLE_STATUSES)
    .execute();

  // A parcel with nothing left in it is not sent. (The order has left the fulfilment track,
  // so syncOrderFulfilment has nothing to move; the shipments keep the per-parcel truth.)
  const emptied = [...new Set(lines.map((l) => l.cooperativeId))].filter((coopId) =>
    lines.filter((l) => l.cooperativeId === coopId).every(fullyRefunded),
  );
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
      .set({ status: "cancelled", updated_at: stamp })
      .where("id", "=", parcel.id)
      .where("status", "in", OPEN_SHIPMENT_STATUSES)
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: actor.id,
        actor_name: actor.name,
        entity: "shipment",
        entity_id: parcel.id,
        cooperative_id: parcel.cooperative_id,
        action: "cancelled",
        before: JSON.stringify({ status: parcel.status }),
        after: JSON.stringify({ status: "cancelled" }),
        why: `#${refund.id} ${refund.reason}`,
        at: stamp,
      })
      .execute();
  }
}

// ── What /admin/orders shows ────────────────────────────────────────────────

const ORDER_LIST_LIMIT = 50;

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
 * Why no refund can be started on an order now, or null when one can: the admin is told
 * the real reason (a refunded order is not "in the wrong state", it is done).
 */
export function refundBlock(
  status: OrderStatus,
  lines: ReadonlyArray<{ refundableQuantity: number }>,
): "fullyRefunded" | "notRefundable" | "nothingLeft" | null {
  if (status === "refunded") return "fullyRefunded";
  if (!REFUNDABLE_STATUSES.includes(status)) return "notRefundable";
  if (!lines.some((line) => line.refundableQuantity > 0)) return "nothingLeft";
  return null;
}

/** One order as the admin sees it on its refund page; NotFoundError if there is none. */
export async function adminOrderDetail(db: DB, number: string, locale: Locale = "zh-CN") {
  const order = await db
    .selectFrom("orders")
    .select([
      "id",
      "number",
      "status",
      "contact_name",
      "phone",
      "buyer_type",
      "org_name",
      "subtotal_fen",
      "shipping_fen",
      "total_fen",
      "payment_gateway",
      "paid_at",
      "created_at",
    ])
    .where("number", "=", number)
    .executeTakeFirst();
  if (!order) throw new NotFoundError("order");
  const [lines, refunds, shipments] = await Promise.all([
    refundableLines(db, order.id, locale),
    listOrderRefunds(db, order.id, locale),
    order.paid_at ? orderShipments(db, order.id, locale) : Promise.resolve([]),
  ]);
  const refundedFen = refunds
    .filter((r) => r.status === "succeeded")
    .reduce((s, r) => s + r.amountFen, 0);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    contactName: order.contact_name,
    phoneMasked: maskPhone(order.phone),
    buyerType: order.buyer_type,
    orgName: order.org_name,
    subtotalFen: order.subtotal_fen,
    shippingFen: order.shipping_fen,
    totalFen: order.total_fen,
    refundedFen,
    paymentGateway: order.payment_gateway,
    paidAt: order.paid_at,
    createdAt: order.created_at,
    refundable: REFUNDABLE_STATUSES.includes(order.status),
    refundBlock: refundBlock(order.status, lines),
    lines,
    refunds,
    shipments: shipments.map((s) => ({
      id: s.id,
      cooperativeName: s.cooperative_name,
      status: s.status,
      trackingNumber: s.tracking_number,
    })),
  };
}

/** The id of the order with this number; NotFoundError if there is none. */
export async function orderIdByNumber(db: DB, number: string): Promise<number> {
  const order = await db
    .selectFrom("orders")
    .select("id")
    .where("number", "=", number)
    .executeTakeFirst();
  if (!order) throw new NotFoundError("order");
  return order.id;
}
