// The invoice forms' schemas: the buyer's request on the order page, the admin's "issued".
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import {
  ADDRESS_MAX,
  BANK_NAME_MAX,
  INVOICE_KINDS,
  INVOICE_NUMBER_MAX,
  TITLE_MAX,
} from "./invoice-fields";
import { normalizeTaxNumber, taxNumberProblem } from "./tax-number";

const optional = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, `invoices.errors.${key}`)
    .optional()
    .transform((v) => (v ? v : null));

/** Registered phone of the company: a landline with area code or a mobile. */
const PHONE_RE = /^\+?[0-9][0-9()\- ]{6,22}$/;
/** Bank account: 8 to 32 digits once spaces are taken out. */
const ACCOUNT_RE = /^\d{8,32}$/;

export const invoiceRequestSchema = z
  .object({
    intent: z.literal("invoice"),
    kind: z.enum(INVOICE_KINDS, { error: "invoices.errors.kind" }),
    title: z
      .string({ error: "invoices.errors.title" })
      .trim()
      .min(2, "invoices.errors.title")
      .max(TITLE_MAX, "invoices.errors.title"),
    taxNumber: z
      .string()
      .optional()
      .transform((v) => (v ? normalizeTaxNumber(v) : null)),
    registeredAddress: optional(ADDRESS_MAX, "registeredAddress"),
    registeredPhone: optional(30, "registeredPhone"),
    bankName: optional(BANK_NAME_MAX, "bankName"),
    bankAccount: z
      .string()
      .optional()
      .transform((v) => (v ? v.replace(/\s/g, "") : null)),
  })
  .superRefine((v, ctx) => {
    if (v.taxNumber) {
      const problem = taxNumberProblem(v.taxNumber);
      if (problem) {
        ctx.addIssue({
          code: "custom",
          path: ["taxNumber"],
          message:
            problem === "check" ? "invoices.errors.taxNumberCheck" : "invoices.errors.taxNumber",
        });
      }
    }
    if (v.kind !== "special") return;
    if (!v.taxNumber) {
      ctx.addIssue({
        code: "custom",
        path: ["taxNumber"],
        message: "invoices.errors.taxNumberNeeded",
      });
    }
    if (!v.registeredAddress || v.registeredAddress.length < 4) {
      ctx.addIssue({
        code: "custom",
        path: ["registeredAddress"],
        message: "invoices.errors.registeredAddress",
      });
    }
    if (!v.registeredPhone || !PHONE_RE.test(v.registeredPhone)) {
      ctx.addIssue({
        code: "custom",
        path: ["registeredPhone"],
        message: "invoices.errors.registeredPhone",
      });
    }
    if (!v.bankName || v.bankName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["bankName"], message: "invoices.errors.bankName" });
    }
    if (!v.bankAccount || !ACCOUNT_RE.test(v.bankAccount)) {
      ctx.addIssue({
        code: "custom",
        path: ["bankAccount"],
        message: "invoices.errors.bankAccount",
      });
    }
  })
  // a plain invoice keeps none of the special fields, whatever the form still held
  .transform((v) =>
    v.kind === "plain"
      ? { ...v, registeredAddress: null, registeredPhone: null, bankName: null, bankAccount: null }
      : v,
  );

export type InvoiceRequestInput = z.output<typeof invoiceRequestSchema>;

/** 8 (paper invoices) to 20 (全电发票) characters; letters for the code some print before it. */
const INVOICE_NUMBER_RE = /^[0-9A-Z]{8,24}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const issueSchema = z.object({
  requestId: wholeNumber("invoices.errors.request"),
  invoiceNumber: z
    .string({ error: "invoices.errors.invoiceNumber" })
    .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
    .pipe(
      z
        .string()
        .max(INVOICE_NUMBER_MAX, "invoices.errors.invoiceNumber")
        .regex(INVOICE_NUMBER_RE, "invoices.errors.invoiceNumber"),
    ),
  issuedOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.string().regex(DATE_RE, "invoices.errors.issuedOn").nullable()),
});

/** Voucher check: an order number and the code printed on the voucher. */
export const voucherCheckSchema = z.object({
  number: z
    .string({ error: "invoices.verify.errors.number" })
    .trim()
    .toUpperCase()
    .min(1, "invoices.verify.errors.number")
    .max(30, "invoices.verify.errors.number"),
  code: z
    .string({ error: "invoices.verify.errors.code" })
    .trim()
    .min(1, "invoices.verify.errors.code")
    .max(30, "invoices.verify.errors.code"),
});
