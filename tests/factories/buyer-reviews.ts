import type { DB } from "#db/connection";
import { createPaidOrder } from "./orders";

/**
 * Marks every parcel of an order delivered, as the carrier's confirmation would. The
 * cooperative portal has no "delivered" step of its own yet, so tests and the demo set the
 * state the buyer-review rules read (shipments.status = 'delivered').
 */
export async function deliverOrder(db: DB, orderId: number, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable("shipments")
    .set({
      status: "delivered",
      carrier: "sf",
      tracking_number: "SF1234567890",
      packed_at: at,
      shipped_at: at,
      updated_at: at,
    })
    .where("order_id", "=", orderId)
    .where("status", "!=", "cancelled")
    .execute();
}

/** A paid order of a signed-in buyer whose parcels have all arrived. */
export async function createDeliveredOrder(
  db: DB,
  items: Array<{ productId: number; quantity: number }>,
  options: { userId: number; now?: Date },
) {
  const order = await createPaidOrder(db, items, options);
  await deliverOrder(db, order.id, options.now);
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "product_id", "cooperative_id"])
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  return { ...order, lines };
}
