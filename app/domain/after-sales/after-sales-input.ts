// The after-sales forms' schemas (server side; the pages import only the plain rules).
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import {
  AFTER_SALES_KINDS,
  AFTER_SALES_REASONS,
  DECISION_REASON_MAX,
  DECISION_REASON_MIN,
  DETAILS_MAX,
  DETAILS_MIN,
  NOTE_MAX,
} from "./after-sales-rules";

export const askSchema = z.object({
  intent: z.literal("after-sales"),
  lineId: wholeNumber("afterSales.errors.line"),
  kind: z.enum(AFTER_SALES_KINDS, { error: "afterSales.errors.kind" }),
  reason: z.enum(AFTER_SALES_REASONS, { error: "afterSales.errors.reason" }),
  quantity: wholeNumber("afterSales.errors.quantity"),
  details: z
    .string()
    .trim()
    .min(DETAILS_MIN, "afterSales.errors.details")
    .max(DETAILS_MAX, "afterSales.errors.details"),
});

export const coopNoteSchema = z.object({
  requestId: wholeNumber("afterSales.errors.request"),
  note: z.string().trim().min(1, "afterSales.errors.note").max(NOTE_MAX, "afterSales.errors.note"),
});

export const decisionSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    requestId: wholeNumber("afterSales.errors.request"),
    restock: z.literal("on").optional(),
  }),
  z.object({
    decision: z.literal("reject"),
    requestId: wholeNumber("afterSales.errors.request"),
    reason: z
      .string()
      .trim()
      .min(DECISION_REASON_MIN, "afterSales.errors.decisionReason")
      .max(DECISION_REASON_MAX, "afterSales.errors.decisionReason"),
  }),
]);
