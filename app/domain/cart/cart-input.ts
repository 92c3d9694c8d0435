import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import { MAX_QUANTITY } from "./limits";

// The cart's form posts (add, change a quantity, remove). Messages are catalogue keys.
// Browser-safe: no .server imports.

const productId = wholeNumber().pipe(z.number().int().positive());

const quantity = wholeNumber("cart.quantityRange").pipe(
  z
    .number()
    .int("cart.quantityRange")
    .min(1, "cart.quantityRange")
    .max(MAX_QUANTITY, "cart.quantityRange"),
);

export const cartSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    productId,
    quantity: quantity.default(1),
    stay: z.literal("1").optional(),
    /** 立即购买: straight on to checkout once the item is in the cart */
    then: z.literal("checkout").optional(),
  }),
  z.object({ intent: z.literal("update"), productId, quantity }),
  z.object({ intent: z.literal("remove"), productId }),
]);

export type CartInput = z.output<typeof cartSchema>;
