import { z } from "zod";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { MOBILE_RE, normalizeMobile } from "~/domain/checkout/checkout-input";
import { creditCodeProblem, normalizeCreditCode } from "~/domain/institutions/credit-code";
import { decimalInteger, screenControlCharacters, type FieldErrors } from "~/utils/forms";
import {
  COUNTER_PAYMENTS,
  LINE_FIELD_RE,
  lineField,
  MAX_TILL_LINES,
  MAX_TILL_QUANTITY,
  TILL_INTENT_RE,
} from "./till-fields";

// What a clerk submits on /counter/till (ADR 050). The whole sale being rung up travels in
// the form (one quantity field per line), so the page needs no script and no draft on the
// server: "add" and "remove" answer with the sale as it now stands, "sell" records it.
// Messages are catalogue keys shown beside their field.

export * from "./till-fields";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "till.sale.errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** How it was paid and who bought: asked only when the sale is recorded. */
export const tillBuyerSchema = z
  .object({
    payment: z.enum(COUNTER_PAYMENTS, { error: "till.sale.errors.payment" }),
    buyerType: z
      .enum(BUYER_TYPES, { error: "till.sale.errors.buyerType" })
      .optional()
      .transform((v) => v ?? "individual"),
    orgName: optionalText(80),
    fundingSource: z
      .union([z.enum(FUNDING_SOURCES), z.literal("")], { error: "till.sale.errors.fundingSource" })
      .optional()
      .transform((v) => (v ? v : null)),
    /** a registered institution's 统一社会信用代码: its profile then names the buyer */
    creditCode: z
      .string()
      .optional()
      .transform((v) => (v ? normalizeCreditCode(v) : null))
      .refine((v) => v === null || creditCodeProblem(v) === null, "till.sale.errors.creditCode"),
    phone: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? normalizeMobile(v) : null))
      .refine((v) => v === null || MOBILE_RE.test(v), "till.sale.errors.phone"),
  })
  .superRefine((v, ctx) => {
    if (v.creditCode || v.buyerType === "individual") return;
    if (!v.orgName || v.orgName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["orgName"], message: "till.sale.errors.orgName" });
    }
    if (!v.fundingSource) {
      ctx.addIssue({
        code: "custom",
        path: ["fundingSource"],
        message: "till.sale.errors.fundingSource",
      });
    }
  })
  .transform((v) =>
    v.buyerType === "individual" && !v.creditCode
      ? { ...v, orgName: null, fundingSource: null }
      : v,
  );

export type TillBuyer = z.output<typeof tillBuyerSchema>;

export interface TillLine {
  productId: number;
  quantity: number;
}

export type TillIntent = { kind: "add" } | { kind: "sell" } | { kind: "remove"; productId: number };

export interface TillForm {
  intent: TillIntent;
  /** the sale as it now stands, the intent applied (a product once, in the order added) */
  lines: TillLine[];
  errors: FieldErrors;
  /** what was typed, to show again (lines included) */
  values: Record<string, string>;
}

function parseIntent(raw: string | undefined): TillIntent | null {
  if (!raw || !TILL_INTENT_RE.test(raw)) return null;
  if (raw === "add" || raw === "sell") return { kind: raw };
  return { kind: "remove", productId: Number(raw.slice("remove-".length)) };
}

/**
 * The quantity fields of the lines, in the order the form lists them: 0 takes a line out;
 * one that is not a quantity stays (at 0) beside its message.
 */
function readLines(values: Record<string, string>, errors: FieldErrors): Map<number, number> {
  const lines = new Map<number, number>();
  for (const [key, raw] of Object.entries(values)) {
    const match = LINE_FIELD_RE.exec(key);
    if (!match) continue;
    const quantity = decimalInteger(raw);
    if (Number.isNaN(quantity) || quantity > MAX_TILL_QUANTITY) {
      // kept in its place (at 0) with what was typed, and its message
      errors[key] = "till.sale.errors.quantity";
      lines.set(Number(match[1]), 0);
      continue;
    }
    if (quantity > 0) lines.set(Number(match[1]), quantity);
  }
  return lines;
}

/** The product picked to add, if any, onto the lines (or a message beside the picker). */
function addPicked(
  values: Record<string, string>,
  lines: Map<number, number>,
  errors: FieldErrors,
) {
  const product = (values.product ?? "").trim();
  if (!product) return;
  const productId = decimalInteger(product);
  const quantity = decimalInteger(values.quantity?.trim() ? values.quantity : "1");
  if (Number.isNaN(productId) || productId <= 0) {
    errors.product = "till.sale.errors.product";
  } else if (Number.isNaN(quantity) || quantity < 1 || quantity > MAX_TILL_QUANTITY) {
    errors.quantity = "till.sale.errors.quantity";
  } else {
    const total = (lines.get(productId) ?? 0) + quantity;
    if (total > MAX_TILL_QUANTITY) errors.quantity = "till.sale.errors.quantity";
    else lines.set(productId, total);
  }
}

/**
 * Reads the till's form: the lines with the intent applied. Control characters are refused
 * in every field. The buyer's fields are parsed by tillBuyerSchema, for a sale only.
 */
export function parseTillForm(formData: FormData): TillForm {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] = value;
  const screened = screenControlCharacters(raw);
  const errors: FieldErrors = { ...screened.errors };
  const values = screened.values;
  const intent = parseIntent(values.intent);
  if (!intent) errors._form = "till.sale.errors.form";
  const lines = readLines(values, errors);
  if (intent?.kind === "add") addPicked(values, lines, errors);
  if (intent?.kind === "remove") lines.delete(intent.productId);
  if (lines.size > MAX_TILL_LINES) errors.product = "till.sale.errors.tooManyLines";
  const kept = [...lines].map(([productId, quantity]) => ({ productId, quantity }));
  // the fields as they now stand: the picker is emptied once its product is on a line
  const shown: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!LINE_FIELD_RE.test(key) && key !== "intent") shown[key] = value;
  }
  for (const line of kept) {
    const field = lineField(line.productId);
    shown[field] = errors[field] ? (values[field] ?? "") : String(line.quantity);
  }
  if (intent?.kind === "add" && !errors.product && !errors.quantity) {
    delete shown.product;
    delete shown.quantity;
  }
  return { intent: intent ?? { kind: "add" }, lines: kept, errors, values: shown };
}

/** The buyer and payment of a sale, or the messages beside their fields. */
export function parseTillBuyer(
  values: Record<string, string>,
): { ok: true; data: TillBuyer } | { ok: false; errors: FieldErrors } {
  const result = tillBuyerSchema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues)
    errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  // zod skips the institution's rule while another field is wrong: say it all at once
  const institution = values.buyerType && values.buyerType !== "individual";
  if (institution && !values.creditCode?.trim()) {
    if ((values.orgName ?? "").trim().length < 2) errors.orgName ??= "till.sale.errors.orgName";
    if (!(FUNDING_SOURCES as readonly string[]).includes(values.fundingSource ?? "")) {
      errors.fundingSource ??= "till.sale.errors.fundingSource";
    }
  }
  return { ok: false, errors };
}
