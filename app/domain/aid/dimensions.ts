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
  "channel",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions that are columns of the daily and monthly rollups (the channel is not: ADR 051). */
export type RollupDimension = Exclude<Dimension, "channel">;
export const FILTER_KEYS = [
  ...DIMENSIONS.filter((d): d is RollupDimension => d !== "channel"),
  "eligible",
] as const;

// Where a sale was made (ADR 051): online, or at one of the Nanjing counters. The
// "channel" breakdown's values are "online" and "counter:<counter id>".
export const CHANNELS = ["online", "counter"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channel breakdown's value of an entry: "online" or "counter:<id>". */
export function channelValue(channel: Channel, counterId: number | null): string {
  return channel === "counter" && counterId != null ? `counter:${counterId}` : "online";
}

/** The drill-down filters of a channel breakdown value ("counter:3" → counter 3). */
export function channelFilters(value: string): { channel: Channel; counter: string | null } {
  const m = /^counter:(\d+)$/.exec(value);
  return m ? { channel: "counter", counter: m[1]! } : { channel: "online", counter: null };
}

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
