import { z } from "zod";

// What an aid officer submits on a review page. Messages are catalogue keys, shown beside
// the field. Shared by the server and the browser bundle: no .server imports here.

export const NOTE_MAX = 200;
export const REASON_MIN = 2;
export const REASON_MAX = 200;
/** Both are typed in text areas: line breaks are part of the text. */
export const DECISION_MULTILINE = ["note", "reason"] as const;

/** An optional note on an approval: blank becomes null. */
export const noteSchema = z
  .string()
  .trim()
  .max(NOTE_MAX, "review.errors.note")
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

/** The reason for a rejection: the cooperative manager reads it, so it must say something. */
export const rejectReasonSchema = z
  .string({ error: "review.errors.reason" })
  .trim()
  .min(REASON_MIN, "review.errors.reason")
  .max(REASON_MAX, "review.errors.reason");

export const decisionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), note: noteSchema }),
    z.object({ intent: z.literal("reject"), reason: rejectReasonSchema }),
  ],
  { error: "review.errors.intent" },
);

export type DecisionInput = z.output<typeof decisionSchema>;

/** Percentage change from one price to another, to one decimal (12.5 for +12.5%). */
export function percentChange(fromFen: number, toFen: number): number {
  if (fromFen <= 0) return 0;
  return Math.round(((toFen - fromFen) / fromFen) * 1000) / 10;
}
