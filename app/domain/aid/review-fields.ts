// The review form's limits, for the page and the server. Plain values only: no schema is
// built here, so the page bundle stays free of zod (ADR 028).

export const NOTE_MAX = 200;
export const REASON_MIN = 2;
export const REASON_MAX = 200;
/** Both are typed in text areas: line breaks are part of the text. */
export const DECISION_MULTILINE = ["note", "reason"] as const;
