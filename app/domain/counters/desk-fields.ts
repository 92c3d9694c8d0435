// The counter desk's form limits (ADR 049), shown by the pages and checked by desk-input.ts:
// a plain module without zod, so the pages that show them do not carry the schemas.
/** The most units one line of a transfer or a count may say. */
export const TRANSFER_MAX_LINE = 10_000;
export const REASON_MAX = 120;
export const NOTE_MAX = 200;
export const QUERY_MAX = 40;
