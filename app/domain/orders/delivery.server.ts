// A parcel reached its buyer: shipped → delivered. The order is completed once every parcel
// that was sent has arrived, and the buyer is told, in the same transaction.
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { tellBuyer } from "../messages/order-messages.server";

export type DeliverOutcome = "delivered" | "unchanged";

/**
 * Marks one of a cooperative's shipped parcels delivered (the carrier's proof of delivery).
 * Delivering twice changes nothing and tells nobody twice; a parcel not yet shipped cannot
 * be delivered.
 */
export async function markDelivered(
  db: DB,
  input: {
    coopId: number;
    shipmentId: number;
    now?: Date;
    actor?: { id: number | null; name: string };
  },
): Promise<DeliverOutcome> {
  const now = input.now ?? new Date();
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const parcel = await trx
      .selectFrom("shipments")
      .select(["id", "order_id", "status"])
      .where("id", "=", input.shipmentId)
      .where("cooperative_id", "=", input.coopId)
      .executeTakeFirst();
    if (!parcel) throw new DomainError("fulfil.errors.forbidden", 403);
    if (parcel.status === "delivered") return "unchanged";
    if (parcel.status !== "shipped") throw new DomainError("afterSales.errors.notShipped", 409);
    await trx
      .updateTable("shipments")
      .set({ status: "delivered", delivered_at: stamp, updated_at: stamp })
      .where("id", "=", parcel.id)
      .where("status", "=", "shipped")
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: input.actor?.id ?? null,
        actor_name: input.actor?.name ?? "system",
        entity: "shipment",
        entity_id: parcel.id,
        cooperative_id: input.coopId,
        action: "delivered",
        before: JSON.stringify({ status: "shipped" }),
        after: JSON.stringify({ status: "delivered" }),
        why: null,
        at: stamp,
      })
      .execute();
    const left = await trx
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", parcel.order_id)
      .where("status", "not in", ["delivered", "cancelled"])
      .executeTakeFirst();
    if (!left) {
      await trx
        .updateTable("orders")
        .set({ status: "completed", updated_at: stamp })
        .where("id", "=", parcel.order_id)
        .where("status", "=", "fulfilled")
        .execute();
    }
    await tellBuyer(trx, parcel.order_id, { kind: "delivered", shipmentId: parcel.id }, now);
    return "delivered";
  });
}
