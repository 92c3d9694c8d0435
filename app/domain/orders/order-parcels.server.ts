// The shopper's (and the admin's) view of an order's parcels: one per cooperative.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";

/** The shopper's view: each cooperative's parcel with its status, tracking and contents. */
export async function orderShipments(db: DB, orderId: number, locale: Locale = "zh-CN") {
  const l = lang(locale);
  const shipments = await db
    .selectFrom("shipments as s")
    .innerJoin("cooperatives as c", "c.id", "s.cooperative_id")
    .select([
      "s.id",
      "s.cooperative_id",
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
      "c.slug as cooperative_slug",
      "s.status",
      "s.cold_chain",
      "s.carrier",
      "s.tracking_number",
      "s.shipped_at",
      "s.delivered_at",
      "s.updated_at",
    ])
    .where("s.order_id", "=", orderId)
    .orderBy("s.id")
    .execute();
  if (!shipments.length) return [];
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "cooperative_id", sql.ref<string>(`product_name_${l}`).as("name"), "quantity"])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  return shipments.map((s) => ({
    ...s,
    cold_chain: s.cold_chain === 1,
    lines: lines
      .filter((line) => line.cooperative_id === s.cooperative_id)
      .map(({ id, name, quantity }) => ({ id, name, quantity })),
  }));
}
