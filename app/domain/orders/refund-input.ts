import { z } from "zod";
import {
  decimalInteger,
  screenControlCharacters,
  type FieldErrors,
  type Parsed,
} from "~/utils/forms";
import {
  IDEMPOTENCY_KEY_RE,
  MAX_QUANTITY,
  QUANTITY_FIELD_RE,
  quantityField,
  REASON_MAX,
  REASON_MIN,
  REFUND_MODES,
} from "./refund-fields";

// The values pages show (lists, limits, field names) live in refund-fields.ts, which builds no
// schema; a page importing them from here gets them through `export *` without this
// module and zod (ADR 028).
export * from "./refund-fields";

// What an admin submits on /admin/orders/:number to refund an order. Messages are catalogue
// keys, shown beside the field. Route modules import it: no .server imports here. Rules
// that need the database (how much is left to refund) live in refund-rules.ts and
// refunds.server.ts and come back as errors on the same fields.

const quantity = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? 0 : decimalInteger(v)) : v),
  z
    .number({ error: "refund.errors.quantity" })
    .int("refund.errors.quantity")
    .min(0, "refund.errors.quantity")
    .max(MAX_QUANTITY, "refund.errors.quantity"),
);

export const refundFormSchema = z
  .object({
    mode: z.enum(REFUND_MODES, { error: "refund.errors.mode" }),
    reason: z
      .string({ error: "refund.errors.reason" })
      .trim()
      .min(REASON_MIN, "refund.errors.reason")
      .max(REASON_MAX, "refund.errors.reason"),
    /** a ticked checkbox sends "on"; an unticked one sends nothing */
    restock: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1" || v === "true"),
    idempotencyKey: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().regex(IDEMPOTENCY_KEY_RE, "refund.errors.form").optional(),
    ),
    quantities: z.record(z.string().regex(/^\d{1,9}$/), quantity),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "lines" && !Object.values(v.quantities).some((q) => q > 0)) {
      ctx.addIssue({ code: "custom", path: ["lines"], message: "refund.errors.nothingSelected" });
    }
  })
  .transform(({ quantities, ...rest }) => ({
    ...rest,
    lines:
      rest.mode === "lines"
        ? Object.entries(quantities)
            .map(([id, q]) => ({ orderLineId: Number(id), quantity: q }))
            .filter((l) => l.quantity > 0)
            .sort((a, b) => a.orderLineId - b.orderLineId)
        : [],
  }));

export type RefundFormInput = z.output<typeof refundFormSchema>;

/**
 * Reads the refund form: `mode`, `reason`, `restock`, `idempotencyKey` and one `qty_<line>`
 * per order line. On failure returns the first message per field (quantities under their
 * own `qty_<line>` field, "nothing chosen" under `lines`) and everything as typed.
 */
export function parseRefundForm(formData: FormData): Parsed<RefundFormInput> {
  const values: Record<string, string> = {};
  const quantities: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    values[key] = value;
    const match = QUANTITY_FIELD_RE.exec(key);
    if (match) quantities[match[1]!] = value;
  }
  const result = refundFormSchema.safeParse({
    mode: values.mode,
    reason: values.reason,
    restock: values.restock,
    idempotencyKey: values.idempotencyKey,
    quantities,
  });
  const screened = screenControlCharacters(values, { multiline: ["reason"] });
  if (result.success && Object.keys(screened.errors).length === 0) {
    return { ok: true, data: result.data };
  }
  const errors: FieldErrors = { ...screened.errors };
  for (const issue of result.error?.issues ?? []) {
    const [first, second] = issue.path;
    const field =
      first === "quantities" && second !== undefined
        ? quantityField(String(second))
        : String(first ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: screened.values };
}
