// The catalogue's sort orders and certificate filters, for the page and the server. Plain
// values only: no schema is built here, so the page bundle stays free of zod (ADR 028).

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
