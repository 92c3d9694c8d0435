// What the invoice forms show and limit (a plain module the pages may import; the zod
// schemas live in invoice-input.ts).
import type { InvoiceKind, InvoiceStatus, OrderStatus } from "#db/schema";

export const INVOICE_KINDS = ["plain", "special"] as const satisfies readonly InvoiceKind[];
export const INVOICE_STATUSES = ["requested", "issued"] as const satisfies readonly InvoiceStatus[];

export const TITLE_MAX = 100;
export const ADDRESS_MAX = 120;
export const BANK_NAME_MAX = 60;
export const INVOICE_NUMBER_MAX = 24;

/** The fields only a special (专票) invoice has, all required there. */
export const SPECIAL_FIELDS = [
  "registeredAddress",
  "registeredPhone",
  "bankName",
  "bankAccount",
] as const;
export type SpecialField = (typeof SPECIAL_FIELDS)[number];

/** Orders that were paid: they may have an invoice and a purchase voucher. */
export const PAID_STATUSES = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "partially_refunded",
  "refunded",
] as const satisfies readonly OrderStatus[];
