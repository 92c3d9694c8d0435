// What a pickup order's buyer is shown (ADR 048): the counter, and once paid the pickup
// code with its QR code drawn on the server; once collected, when and where.
import type { DB } from "#db/connection";
import type { OrderStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { qrSvg, type QrSvg } from "~/utils/qr-code.server";

/** The states in which the goods wait at the counter for the buyer: paid and not all refunded. */
export const CODE_SHOWN_STATUSES: readonly OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "partially_refunded",
];

/** The pickup part of an order's page, or null for a delivered order. */
export interface OrderPickup {
  counter: { name: string; address: string; hours: string; mapUrl: string; phone: string | null };
  /** shown only while the goods wait to be collected: paid, not refunded, not yet collected */
  code: string | null;
  qr: QrSvg | null;
  collected: { at: string; byName: string | null } | null;
}

/** The pickup facts of an order the route has already allowed the viewer to see. */
export async function orderPickup(
  db: DB,
  orderId: number,
  status: OrderStatus,
  locale: Locale,
): Promise<OrderPickup | null> {
  const l = lang(locale);
  const row = await db
    .selectFrom("orders as o")
    .innerJoin("counters as c", "c.id", "o.counter_id")
    .select([
      "o.pickup_code",
      "o.collected_at",
      "o.collected_by_name",
      l === "en" ? "c.name_en as name" : "c.name_zh as name",
      l === "en" ? "c.address_en as address" : "c.address_zh as address",
      l === "en" ? "c.hours_en as hours" : "c.hours_zh as hours",
      "c.map_url",
      "c.phone",
    ])
    .where("o.id", "=", orderId)
    .where("o.fulfilment", "=", "pickup")
    .executeTakeFirst();
  if (!row) return null;
  const waiting = !row.collected_at && CODE_SHOWN_STATUSES.includes(status);
  const code = waiting ? row.pickup_code : null;
  return {
    counter: {
      name: row.name,
      address: row.address,
      hours: row.hours,
      mapUrl: row.map_url,
      phone: row.phone,
    },
    code,
    qr: code ? await qrSvg(code) : null,
    collected: row.collected_at ? { at: row.collected_at, byName: row.collected_by_name } : null,
  };
}
