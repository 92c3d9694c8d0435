import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { NotFoundError } from "../errors";
import { maskPhone } from "../orders/orders.server";
import { REFUNDABLE_STATUSES } from "../orders/refund-input";
import { listOrderRefunds, refundableLines } from "../orders/refund-lines.server";
import { refundableShippingFen, refundBlock } from "../orders/refund-rules";
import { orderShipments } from "../orders/order-parcels.server";

// What /admin/orders/:number shows: one order, its lines, refunds and parcels, and what
// can still be refunded.

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
    /** what a refund of the last units would return besides them */
    refundableShippingFen: refundableShippingFen(order.shipping_fen, refunds),
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

export type AdminOrderDetail = Awaited<ReturnType<typeof adminOrderDetail>>;

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
