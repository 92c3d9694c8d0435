// The aid page's certificate request. Messages are catalogue keys.
// Browser-safe: no .server imports.
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";

export const certificateRequestSchema = z.object({
  year: wholeNumber("contrib.errors.year"),
});
