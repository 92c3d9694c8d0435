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

// The values an aid line can hold in each coded dimension (the buyer's type and funding
// source are asked at checkout and on the buyer's aid profile).
export const BUCKETS = ["procurement", "assisted_sales"] as const;
export const BUYER_TYPES = [
  "individual",
  "gov_unit",
  "soe",
  "private_enterprise",
  "union",
] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];
export const FUNDING_SOURCES = ["canteen", "union_funds", "welfare", "other"] as const;
/** A funding-source filter: "none" stands for the empty source of individuals, in URLs and labels. */
export const FUNDING_FILTERS = [...FUNDING_SOURCES, "none"] as const;
export const CATEGORY_GROUPS = ["agri", "handicraft"] as const;
