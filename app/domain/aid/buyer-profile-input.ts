// The aid page's thanks-board form. Messages are catalogue keys.
// Browser-safe: no .server imports.
import { z } from "zod";

/** A chosen name may not carry contacts onto a public page: no phone-like digits, no email. */
const CONTACT_LIKE = /\d{5,}|@/;

export const thanksSchema = z.object({
  optIn: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
  thanksName: z
    .string()
    .trim()
    .max(20, "contrib.errors.thanksName")
    .refine((v) => !CONTACT_LIKE.test(v.replace(/[\s-]/g, "")), "contrib.errors.thanksName")
    .optional()
    .transform((v) => v || null),
});

export type ThanksInput = z.output<typeof thanksSchema>;
