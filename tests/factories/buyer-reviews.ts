import type { DB } from "#db/connection";
import { markDelivered } from "~/domain/orders/delivery.server";
import { markShipped } from "~/domain/orders/shipments.server";
import { createPaidOrder } from "./orders";

/**
 * Ships every open parcel of an order and marks it delivered, through the store's own
 * functions (the carrier's confirmation): what the buyer-review rules read.
 */
export async function deliverOrder(db: DB, orderId: number, now = new Date()): Promise<void> {
  const shipments = await db
    .selectFrom("shipments")
    .select(["id", "cooperative_id"])
    .where("order_id", "=", orderId)
    .where("status", "in", ["pending", "packed"])
    .execute();
  for (const s of shipments) {
    await markShipped(db, {
      coopId: s.cooperative_id,
      shipmentId: s.id,
      carrier: "sf",
      trackingNumber: `SF${String(s.id).padStart(10, "0")}`,
      now,
    });
    await markDelivered(db, { shipmentId: s.id, now });
  }
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
