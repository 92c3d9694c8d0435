import { z } from "zod";
import { NOTE_MAX, REASON_MAX, REASON_MIN } from "./review-fields";

// The values pages show (lists, limits, field names) live in review-fields.ts, which builds no
// schema; a page importing them from here gets them through `export *` without this
// module and zod (ADR 028).
export * from "./review-fields";

// What an aid officer submits on a review page. Messages are catalogue keys, shown beside
// the field. Route modules import it: no .server imports here.

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
