// Fulfilment rules that both the server and the browser need (no database here).
import type { OrderStatus, ShipmentStatus } from "#db/schema";

/** Cold-chain goods must leave within this many hours of payment. */
export const COLD_CHAIN_SHIP_HOURS = 48;

/**
 * Carriers offered in the "mark shipped" form. The code is stored; anything else a manager
 * types under "other" is stored as typed and shown as is.
 */
export const CARRIER_CODES = ["sf", "jd", "ems", "zto", "yto", "sto", "yunda", "deppon"] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

export function isCarrierCode(value: string | null | undefined): value is CarrierCode {
  return CARRIER_CODES.includes(value as CarrierCode);
}

/** Letters, digits and dashes, 4 to 40 of them (SF1234567890123, JDVA01234567890, …). */
export const TRACKING_NUMBER_RE = /^[A-Za-z0-9-]{4,40}$/;

/** What the shipment list can be filtered by; `open` (not yet shipped) is the default. */
export const SHIPMENT_FILTERS = ["open", "late", "pending", "packed", "shipped", "all"] as const;
export type ShipmentFilter = (typeof SHIPMENT_FILTERS)[number];

export const OPEN_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["pending", "packed"];

/** Orders whose parcels may still be packed and shipped (not refunded, not closed). */
export const SHIPPABLE_ORDER_STATUSES: readonly OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "partially_refunded",
];

/** A cold-chain parcel still at the cooperative after its ship-by deadline. */
export function isLate(
  shipment: { status: ShipmentStatus; cold_chain: 0 | 1 | boolean; ship_by: string | null },
  now: Date,
): boolean {
  return (
    Boolean(shipment.cold_chain) &&
    shipment.ship_by !== null &&
    OPEN_SHIPMENT_STATUSES.includes(shipment.status) &&
    new Date(shipment.ship_by).getTime() < now.getTime()
  );
}
