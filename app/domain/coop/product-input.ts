import { yuanToFen } from "~/utils/money";
import { wholeNumber } from "~/utils/forms";
import { z } from "zod";
import {
  CERT_FIELDS,
  CERT_KINDS,
  certField,
  isIsoDate,
  MAX_CERTS,
  MAX_PRICE_FEN,
  MAX_STOCK,
  type CertKind,
} from "./product-fields";

// The values pages show (lists, limits, field names) live in product-fields.ts, which builds no
// schema; a page importing them from here gets them through `export *` without this
// module and zod (ADR 028).
export * from "./product-fields";

// The cooperative portal's product form. Messages are catalogue keys under portal.errors.*;
// the page translates them beside the field. Browser-safe (no .server imports).

const e = (key: string) => `portal.errors.${key}`;

const text = (min: number, max: number, key: string) =>
  z
    .string({ error: e(key) })
    .trim()
    .min(min, e(key))
    .max(max, e("tooLong"));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, e("tooLong"))
    .optional()
    .transform((v) => v ?? "");

const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, e("tooLong"))
    .optional()
    .transform((v) => (v ? v : null));

export const priceField = z.string({ error: e("price") }).transform((raw, ctx) => {
  const t = raw.trim();
  if (t.startsWith("-")) {
    ctx.addIssue({ code: "custom", message: e("priceNegative") });
    return z.NEVER;
  }
  if (/^[¥￥]?\s*\d+\.\d{3,}$/.test(t)) {
    ctx.addIssue({ code: "custom", message: e("priceDecimals") });
    return z.NEVER;
  }
  const fen = yuanToFen(t, 7);
  if (fen === null) {
    ctx.addIssue({ code: "custom", message: e("price") });
    return z.NEVER;
  }
  if (fen <= 0 || fen > MAX_PRICE_FEN) {
    ctx.addIssue({ code: "custom", message: e("priceRange") });
    return z.NEVER;
  }
  return fen;
});

/** A whole number of pieces, 0 or more. */
export const stockField = z.string({ error: e("stock") }).transform((raw, ctx) => {
  const t = raw.trim();
  if (/^-\s*\d/.test(t)) {
    ctx.addIssue({ code: "custom", message: e("stockNegative") });
    return z.NEVER;
  }
  if (!/^\d+$/.test(t)) {
    ctx.addIssue({ code: "custom", message: e("stockInteger") });
    return z.NEVER;
  }
  const n = Number(t);
  if (n > MAX_STOCK) {
    ctx.addIssue({ code: "custom", message: e("stockRange") });
    return z.NEVER;
  }
  return n;
});

export interface CertificationInput {
  kind: CertKind;
  number: string;
  issuedBy: string;
  expiresOn: string;
}

const certShape: Record<string, z.ZodOptional<z.ZodString>> = {};
for (let i = 0; i < MAX_CERTS; i++) {
  for (const f of CERT_FIELDS) certShape[certField(i, f)] = z.string().optional();
}

const productFields = z.object({
  nameZh: text(1, 60, "nameZh"),
  nameEn: text(1, 60, "nameEn"),
  summaryZh: text(1, 120, "summaryZh"),
  summaryEn: optionalText(200),
  storyZh: optionalText(2000),
  storyEn: optionalText(4000),
  category: z
    .string({ error: e("category") })
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,29}$/, e("category")),
  unitZh: text(1, 20, "unitZh"),
  unitEn: text(1, 30, "unitEn"),
  price: priceField,
  shelfLifeDays: z
    .string({ error: e("shelfLife") })
    .trim()
    .regex(/^\d{1,4}$/, e("shelfLife"))
    .transform(Number)
    .pipe(z.number().int().min(1, e("shelfLife")).max(3650, e("shelfLife"))),
  coldChain: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  storageZh: optionalText(100),
  storageEn: optionalText(160),
  harvestSeasonZh: nullableText(40),
  harvestSeasonEn: nullableText(60),
  ...certShape,
});

function certRows(v: Record<string, unknown>) {
  const rows: Array<{ row: number; values: Record<(typeof CERT_FIELDS)[number], string> }> = [];
  for (let i = 0; i < MAX_CERTS; i++) {
    const values = Object.fromEntries(
      CERT_FIELDS.map((f) => {
        const raw = v[certField(i, f)];
        return [f, typeof raw === "string" ? raw.trim() : ""];
      }),
    ) as Record<(typeof CERT_FIELDS)[number], string>;
    if (CERT_FIELDS.some((f) => values[f] !== "")) rows.push({ row: i, values });
  }
  return rows;
}

function checkCerts(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const { row, values } of certRows(v)) {
    if (!CERT_KINDS.includes(values.kind as CertKind)) {
      ctx.addIssue({ code: "custom", path: [certField(row, "kind")], message: e("certKind") });
    }
    if (values.number.length < 2 || values.number.length > 40) {
      ctx.addIssue({ code: "custom", path: [certField(row, "number")], message: e("certNumber") });
    } else {
      const key = `${values.kind}|${values.number}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [certField(row, "number")],
          message: e("certDuplicate"),
        });
      }
      seen.add(key);
    }
    if (values.issuedBy.length > 60) {
      ctx.addIssue({ code: "custom", path: [certField(row, "issuedBy")], message: e("tooLong") });
    }
    if (!isIsoDate(values.expiresOn)) {
      ctx.addIssue({
        code: "custom",
        path: [certField(row, "expiresOn")],
        message: e("certExpiresOn"),
      });
    }
  }
}

type ProductFields = z.output<typeof productFields>;

/** Certificate rows are checked even when another field failed, so every error shows at once. */
const ALWAYS = { when: () => true };

function toProductInput(v: ProductFields) {
  const certifications: Array<CertificationInput & { row: number }> = certRows(v).map(
    ({ row, values }) => ({
      row,
      kind: values.kind as CertKind,
      number: values.number,
      issuedBy: values.issuedBy,
      expiresOn: values.expiresOn,
    }),
  );
  return {
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    summaryZh: v.summaryZh,
    summaryEn: v.summaryEn,
    storyZh: v.storyZh,
    storyEn: v.storyEn,
    category: v.category,
    unitZh: v.unitZh,
    unitEn: v.unitEn,
    priceFen: v.price,
    shelfLifeDays: v.shelfLifeDays,
    coldChain: v.coldChain,
    storageZh: v.storageZh,
    storageEn: v.storageEn,
    harvestSeasonZh: v.harvestSeasonZh,
    harvestSeasonEn: v.harvestSeasonEn,
    certifications,
  };
}

/** Everything about a product except its stock level and picture. */
export const productSchema = productFields
  .superRefine(checkCerts, ALWAYS)
  .transform(toProductInput);
export type ProductInput = z.output<typeof productSchema>;

/** The create form: the product plus its opening stock (later changes are stock adjustments). */
export const newProductSchema = productFields
  .extend({ stock: stockField })
  .superRefine(checkCerts, ALWAYS)
  .transform((v) => ({ ...toProductInput(v), stock: v.stock }));
export type NewProductInput = z.output<typeof newProductSchema>;

/** The edit form, with an optional note that goes into the audit log beside a price change. */
export const updateProductSchema = productFields
  .extend({ why: nullableText(200) })
  .superRefine(checkCerts, ALWAYS)
  .transform((v) => ({ ...toProductInput(v), why: v.why }));
export type UpdateProductInput = z.output<typeof updateProductSchema>;

/** Stock adjustment: add/remove a number of pieces, or set the counted level; always with a reason. */
export const stockAdjustSchema = z
  .object({
    mode: z.enum(["add", "set"], { error: e("stockMode") }),
    amount: z.string({ error: e("stockInteger") }).trim(),
    why: text(2, 200, "why"),
  })
  .transform((v, ctx) => {
    if (v.mode === "set") {
      const parsed = stockField.safeParse(v.amount);
      if (!parsed.success) {
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message: parsed.error.issues[0]?.message ?? e("stockInteger"),
        });
        return z.NEVER;
      }
      return { newStock: parsed.data, why: v.why };
    }
    if (!/^[+-]?\d+$/.test(v.amount)) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: e("stockInteger") });
      return z.NEVER;
    }
    const delta = Number(v.amount);
    if (delta === 0 || Math.abs(delta) > MAX_STOCK) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: e("stockDelta") });
      return z.NEVER;
    }
    return { delta, why: v.why };
  });
export type StockAdjustInput = z.output<typeof stockAdjustSchema>;

/** Moving a picture of the gallery a place (imageMove) or taking it out (imageRemove). */
export const galleryActionSchema = z.object({
  imageId: wholeNumber("productManage.errors.noSuchImage").pipe(
    z.number().int().positive("productManage.errors.noSuchImage"),
  ),
  direction: z.enum(["up", "down"]).optional(),
});
