import type { OrderStatus } from "#db/schema";

// The refund form's choices, limits and field names, for the page and the server. Plain
// values only: no schema is built here, so the page bundle stays free of zod (ADR 028).

/** Orders money can still go back for: paid, on its way, delivered, or partly refunded. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "partially_refunded",
];

export const REFUND_MODES = ["all", "lines"] as const;
export type RefundMode = (typeof REFUND_MODES)[number];

export const REASON_MIN = 2;
export const REASON_MAX = 200;
export const MAX_QUANTITY = 99_999;
/** Keys the page hands out (rf_ + 24 url-safe characters), or a client's own of that shape. */
export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{16,100}$/;

/** The form field holding the quantity to refund of one order line. */
export const quantityField = (orderLineId: number | string) => `qty_${orderLineId}`;
export const QUANTITY_FIELD_RE = /^qty_(\d{1,9})$/;
