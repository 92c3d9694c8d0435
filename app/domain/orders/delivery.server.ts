// Delivery: a shipped parcel is signed for (签收). When every parcel of an order that is
// still going has been signed for, the order is complete (已完成). A cooperative manager
// confirms it on the parcel's page (the carrier shows it signed for); the demo seed and tests
// call it the same way, and a carrier webhook or a "确认收货" button would too. The buyer is
// told in the same transaction, once.
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { tellBuyer } from "../messages/order-messages.server";
import { auditShipment, type Actor } from "./shipments.server";

export type DeliveryOutcome = "delivered" | "unchanged";

/**
 * shipped → delivered for one shipment, and fulfilled → completed for its order once no
 * parcel of it is left on the way. A parcel not yet shipped (or cancelled, or delivered
 * already) is left alone, as is an order in any other state (a refunded order stays
 * refunded). With `coopId`, only that cooperative's parcel may be touched. One transaction.
 */
export async function markDelivered(
  db: DB,
  input: { shipmentId: number; coopId?: number; now?: Date; actor?: Actor },
): Promise<DeliveryOutcome> {
  const now = input.now ?? new Date();
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("shipments")
      .select(["id", "order_id", "cooperative_id", "status"])
      .where("id", "=", input.shipmentId)
      .executeTakeFirst();
    if (input.coopId !== undefined && row?.cooperative_id !== input.coopId) {
      throw new DomainError("fulfil.errors.forbidden", 403);
    }
    if (!row || row.status !== "shipped") return "unchanged";
    await trx
      .updateTable("shipments")
      .set({ status: "delivered", delivered_at: stamp, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "shipped")
      .execute();
    await auditShipment(trx, {
      actor: input.actor,
      shipmentId: row.id,
      coopId: row.cooperative_id,
      action: "delivered",
      before: { status: row.status },
      after: { status: "delivered" },
      now,
    });
    const open = await trx
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", row.order_id)
      .where("status", "not in", ["delivered", "cancelled"])
      .executeTakeFirst();
    if (!open) {
      await trx
        .updateTable("orders")
        .set({ status: "completed", updated_at: stamp })
        .where("id", "=", row.order_id)
        .where("status", "=", "fulfilled")
        .execute();
    }
    await tellBuyer(trx, row.order_id, { kind: "delivered", shipmentId: row.id }, now);
    return "delivered";
  });
}
