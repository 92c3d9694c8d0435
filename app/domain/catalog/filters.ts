import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import { CERT_FILTERS, SORTS, type ProductFilters } from "./filter-fields";

// The /products query string. The route imports it: nothing here may import a .server module.

// The values the page shows live in filter-fields.ts, which builds no schema; a page importing
// them from here gets them through `export *` without this module and zod (ADR 028).
export * from "./filter-fields";

const slugLike = z
  .string()
  .regex(/^[a-z_-]{2,40}$/)
  .optional()
  .catch(undefined);

/** Query-string filters for /products. Anything odd in the URL is dropped, never an error page. */
export const filtersSchema = z.object({
  q: z
    .string()
    .trim()
    .max(50)
    .optional()
    .catch((ctx) => (typeof ctx.value === "string" ? ctx.value.trim().slice(0, 50) : undefined)),
  county: slugLike,
  category: slugLike,
  cert: z.enum(CERT_FILTERS).optional().catch(undefined),
  inStock: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: wholeNumber().pipe(z.number().int().min(1).max(10_000)).optional().catch(undefined),
});

export function parseFilters(params: URLSearchParams): ProductFilters {
  return filtersSchema.parse(Object.fromEntries(params));
}
