import { z } from "zod";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { BUY_AS } from "~/domain/institutions/institution-fields";

// The values pages show (lists, limits, field names) live in checkout-fields.ts, which builds no
// schema; a page importing them from here gets them through `export *` without this
// module and zod (ADR 028).
export * from "./checkout-fields";

// Messages are catalogue keys; the page translates them beside the field.

/** Mainland mobile: 11 digits starting 13–19; spaces, dashes and a +86 prefix are forgiven. */
export function normalizeMobile(raw: string): string {
  return raw.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
}
export const MOBILE_RE = /^1[3-9]\d{9}$/;

/** 统一社会信用代码: 18 characters from a fixed alphabet (no I, O, S, V, Z). */
export const TAX_ID_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const text = (min: number, max: number, key: string) =>
  z
    .string({ error: `checkout.errors.${key}` })
    .trim()
    .min(min, `checkout.errors.${key}`)
    .max(max, `checkout.errors.tooLong`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "checkout.errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/**
 * A counter the order may be collected at (ADR 048): one that holds every line of the cart
 * now. Its address becomes the order's, so a pickup order asks for no address.
 */
export interface PickupCounterChoice {
  id: number;
  districtZh: string;
  addressZh: string;
}

/** The street part of a counter's address: what follows 江苏省南京市 and its district. */
export function counterStreet(counter: PickupCounterChoice): string {
  let rest = counter.addressZh.trim();
  for (const prefix of ["江苏省", "南京市", counter.districtZh]) {
    if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  }
  return rest.trim() || counter.addressZh;
}

/** The chosen counter (the form's `counterId`, "" for delivery) among those on offer. */
function chosenCounter(raw: unknown, counters: readonly PickupCounterChoice[]) {
  if (typeof raw !== "object" || raw === null) return null;
  const value = (raw as Record<string, unknown>).counterId;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value.trim())) return null;
  return counters.find((c) => c.id === Number(value.trim())) ?? null;
}

/** A pickup order's address is its counter's: what the shopper typed there is set aside. */
function withCounterAddress(raw: unknown, counters: readonly PickupCounterChoice[]) {
  const counter = chosenCounter(raw, counters);
  if (!counter) return raw;
  return {
    ...(raw as Record<string, unknown>),
    province: "江苏省",
    city: "南京市",
    district: counter.districtZh,
    street: counterStreet(counter),
  };
}

const counterIdField = (counters: readonly PickupCounterChoice[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const id = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
      if (!counters.some((c) => c.id === id)) {
        ctx.addIssue({ code: "custom", message: "pickup.errors.counterUnavailable" });
        return z.NEVER;
      }
      return id;
    });

const checkoutObject = (counters: readonly PickupCounterChoice[]) =>
  z.object({
    /** "" or absent: delivery; else the counter the order is collected at */
    counterId: counterIdField(counters),
    contactName: text(1, 40, "contactName"),
    phone: z
      .string({ error: "checkout.errors.phone" })
      .transform(normalizeMobile)
      .pipe(z.string().regex(MOBILE_RE, "checkout.errors.phone")),
    email: z
      .string()
      .trim()
      .max(120, "checkout.errors.tooLong")
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null))
      .pipe(z.email("checkout.errors.email").nullable()),
    province: text(2, 20, "province"),
    city: text(2, 20, "city"),
    district: text(2, 20, "district"),
    street: text(4, 120, "street"),
    /** a purchaser may buy for their institution; its profile then fills the buyer fields */
    buyAs: z
      .enum(BUY_AS, { error: "forms.invalid" })
      .optional()
      .transform((v) => v ?? "self"),
    buyerType: z.enum(BUYER_TYPES, { error: "checkout.errors.buyerType" }),
    orgName: optionalText(80),
    fundingSource: z
      .union([z.enum(FUNDING_SOURCES), z.literal("")], { error: "checkout.errors.fundingSource" })
      .optional()
      .transform((v) => (v ? v : null)),
    invoiceTitle: optionalText(80),
    taxId: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.string().regex(TAX_ID_RE, "checkout.errors.taxId").nullable()),
    note: optionalText(200),
  });

/**
 * The checkout form, given the counters that hold every line of the cart now (none: only
 * delivery is offered, and a counter sent anyway is refused beside the choice).
 */
export const checkoutSchemaFor = (counters: readonly PickupCounterChoice[]) =>
  z
    .preprocess((raw) => withCounterAddress(raw, counters), checkoutObject(counters))
    .superRefine((v, ctx) => {
      // the institution's own profile answers these (institution-purchase.server.ts)
      if (v.buyAs === "institution" || v.buyerType === "individual") return;
      if (!v.orgName || v.orgName.length < 2) {
        ctx.addIssue({ code: "custom", path: ["orgName"], message: "checkout.errors.orgName" });
      }
      if (!v.fundingSource) {
        ctx.addIssue({
          code: "custom",
          path: ["fundingSource"],
          message: "checkout.errors.fundingSource",
        });
      }
      if (v.invoiceTitle && !v.taxId) {
        ctx.addIssue({ code: "custom", path: ["taxId"], message: "checkout.errors.taxIdNeeded" });
      }
    })
    .transform((v) => ({
      ...(v.buyerType === "individual" ? { ...v, orgName: null, fundingSource: null } : v),
      fulfilment: v.counterId === null ? ("delivery" as const) : ("pickup" as const),
    }));

/** The checkout form with delivery only (scripts and the demo seed). */
export const checkoutSchema = checkoutSchemaFor([]);

export type CheckoutInput = z.output<typeof checkoutSchema>;
