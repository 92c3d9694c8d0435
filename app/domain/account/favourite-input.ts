import { z } from "zod";
import { wholeNumber } from "~/utils/forms";

// The favourite toggle's post (product page, /account/favourites). Browser-safe.
export const favouriteSchema = z.object({
  productId: wholeNumber("favourites.error").pipe(z.number().int().positive("favourites.error")),
  /** "1" saves, "0" removes: the button says which, so a double post changes nothing */
  favourite: z.enum(["0", "1"]).transform((v) => v === "1"),
  redirectTo: z.string().max(300).optional(),
});
