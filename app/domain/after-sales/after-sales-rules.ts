// After-sales choices and limits, for the pages and the server. Plain values only (no zod),
// so the order page's bundle can show the same list the server checks.
import type { AfterSalesStatus, OrderStatus } from "#db/schema";

export const AFTER_SALES_KINDS = ["refund", "return"] as const;
export type AfterSalesKindCode = (typeof AFTER_SALES_KINDS)[number];

/** Why a buyer asks: the list shown as a select; "other" wants the text to say it. */
export const AFTER_SALES_REASONS = [
  "damaged",
  "spoiled",
  "wrong_item",
  "missing",
  "not_as_described",
  "not_received",
  "changed_mind",
  "other",
] as const;
export type AfterSalesReason = (typeof AFTER_SALES_REASONS)[number];

export const DETAILS_MIN = 2;
export const DETAILS_MAX = 500;
export const NOTE_MAX = 500;
export const DECISION_REASON_MIN = 2;
export const DECISION_REASON_MAX = 200;
export const MAX_PHOTOS = 3;

/** Orders a buyer may ask about: paid, on the way, delivered, or partly refunded. */
export const AFTER_SALES_ORDER_STATUSES: readonly OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "partially_refunded",
];

export const AFTER_SALES_STATUSES: readonly AfterSalesStatus[] = ["open", "approved", "rejected"];

/** The moves a request may make: open → approved | rejected, and nothing after. */
export function canMove(from: AfterSalesStatus, to: AfterSalesStatus): boolean {
  return from === "open" && (to === "approved" || to === "rejected");
}
