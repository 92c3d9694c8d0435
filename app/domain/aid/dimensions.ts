// The ways aid totals are broken down, and the drill-down filters. Shared with the browser
// bundle (the pages list them), so nothing here may import a .server module.

export const DIMENSIONS = [
  "county",
  "bucket",
  "buyer_type",
  "funding_source",
  "category_group",
  "cooperative",
  "product",
  "month",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const FILTER_KEYS = [...DIMENSIONS, "eligible"] as const;
