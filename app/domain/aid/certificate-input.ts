// The aid page's certificate request. Messages are catalogue keys.
// Browser-safe: no .server imports.
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";

export const certificateRequestSchema = z.object({
  year: wholeNumber("contrib.errors.year"),
  /** a purchaser may ask for their institution's certificate, issued in its name */
  holder: z
    .enum(["self", "institution"], { error: "forms.invalid" })
    .optional()
    .transform((v) => v ?? "self"),
});
