import { z } from "zod";
import { MOBILE_RE, normalizeMobile } from "../checkout/checkout-input";

// The address book's form. Region codes are checked against the division list by
// resolveRegion (regions.server.ts); here only their shape.

const text = (min: number, max: number, key: string) =>
  z
    .string({ error: `accountBook.errors.${key}` })
    .trim()
    .min(min, `accountBook.errors.${key}`)
    .max(max, "accountBook.errors.tooLong");

const code = (digits: number, key: string) =>
  z
    .string({ error: `accountBook.errors.${key}` })
    .regex(new RegExp(`^\\d{${digits}}$`), `accountBook.errors.${key}`);

export const addressSchema = z.object({
  recipient: text(1, 40, "recipient"),
  phone: z
    .string({ error: "accountBook.errors.phone" })
    .transform(normalizeMobile)
    .pipe(z.string().regex(MOBILE_RE, "accountBook.errors.phone")),
  provinceCode: code(2, "province"),
  cityCode: code(4, "city"),
  districtCode: code(6, "district"),
  street: text(4, 120, "street"),
  // a checkbox: present when ticked
  isDefault: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1"),
});

export type AddressInput = z.output<typeof addressSchema>;

/** The address pages' forms: save the address, or (without JavaScript) show a province's cities. */
export const addressIntentSchema = z.object({
  intent: z.enum(["save", "region"]).default("save"),
});

/** The list page's buttons. */
export const addressListActionSchema = z.object({
  intent: z.enum(["default", "delete"], { error: "forms.invalid" }),
  addressId: z
    .string()
    .regex(/^\d{1,12}$/, "forms.invalid")
    .transform(Number),
});
