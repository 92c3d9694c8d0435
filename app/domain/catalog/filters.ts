import { z } from "zod";
import { wholeNumber } from "~/utils/forms";

// Shared by the server and the browser bundle: nothing here may import a .server module.

export const SORTS = ["recommended", "newest", "price_asc", "price_desc"] as const;
export type ProductSort = (typeof SORTS)[number];

export interface ProductFilters {
  q?: string;
  county?: string;
  category?: string;
  cert?: string;
  inStock?: boolean;
  sort?: ProductSort;
  page?: number;
}

export const CERT_FILTERS = ["aid", "green_food", "organic", "geo_indication", "heritage"] as const;

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
