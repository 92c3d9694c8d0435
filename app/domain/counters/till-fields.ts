// The till's form (ADR 050): its field names, lists and limits, for the page and the
// schema alike. No zod and no .server import here: the page's bundle takes these values.
import type { CounterPayment } from "#db/schema";

export const COUNTER_PAYMENTS = ["cash", "card", "qr"] as const satisfies readonly CounterPayment[];

/** A sale's lines: at most this many products, each at most this many units. */
export const MAX_TILL_LINES = 30;
export const MAX_TILL_QUANTITY = 999;

/** The quantity field of a product's line in the sale being rung up. */
export const lineField = (productId: number) => `line_${productId}`;
export const LINE_FIELD_RE = /^line_(\d{1,9})$/;

/** What the form's buttons ask for: add the picked product, take a line out, or sell. */
export const TILL_INTENT_RE = /^(add|sell|remove-\d{1,9})$/;
