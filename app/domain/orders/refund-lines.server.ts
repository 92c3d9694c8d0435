import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { RefundStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";

// What an order's refunds have taken so far, read for the refund rules (refund-rules.ts),
// the refund page and the settlement of a refund.

/**
 * Each line of the order with what has been refunded (confirmed), what is waiting for the
 * gateway (requested), and what may still be refunded. Three queries, whatever the size.
 */
export async function refundableLines(db: DB, orderId: number, locale: Locale = "zh-CN") {
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
export async function listOrderRefunds(db: DB, orderId: number, locale: Locale = "zh-CN") {
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

/**
 * The shipping fee each refund asked for or made has taken (its amount beyond its lines),
 * for refundableShippingFen.
 */
export async function refundShippingTaken(trx: DB, orderId: number) {
  const rows = await trx
    .selectFrom("refunds as r")
    .leftJoin("refund_lines as rl", "rl.refund_id", "r.id")
    .select((eb) => [
      "r.id",
      "r.status",
      "r.amount_fen",
      eb.fn.coalesce(eb.fn.sum<number>("rl.amount_fen"), sql<number>`0`).as("lines_fen"),
    ])
    .where("r.order_id", "=", orderId)
    .where("r.status", "in", ["requested", "succeeded"])
    .groupBy(["r.id", "r.status", "r.amount_fen"])
    .execute();
  return rows.map((r) => ({ status: r.status, shippingFen: r.amount_fen - Number(r.lines_fen) }));
}
