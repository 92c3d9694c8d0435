// The forms of a shopper's order pages. Messages are catalogue keys.
// Read by the actions only: order-number.ts needs node:crypto, which no page bundle has.
import { z } from "zod";
import { MOBILE_RE, normalizeMobile } from "~/domain/checkout/checkout-input";
import { ORDER_NUMBER_RE } from "./order-number";

/** /orders/:number: pay an unpaid order, or cancel it. */
export const orderIntentSchema = z.object({ intent: z.enum(["pay", "cancel"]) });

/** /pay/demo/:number: the simulated payment's outcome. */
export const demoPaymentSchema = z.object({ choice: z.enum(["succeeded", "cancelled"]) });

/** /orders/lookup: a guest finds their order by its number and the phone it was placed with. */
export const orderLookupSchema = z.object({
  number: z
    .string({ error: "lookup.errors.number" })
    .trim()
    .toUpperCase()
    .regex(ORDER_NUMBER_RE, "lookup.errors.number"),
  phone: z
    .string({ error: "checkout.errors.phone" })
    .transform(normalizeMobile)
    .pipe(z.string().regex(MOBILE_RE, "checkout.errors.phone")),
});
