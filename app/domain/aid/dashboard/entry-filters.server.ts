// The drill-down filters: which ledger entries stand behind a figure of the dashboard.
import { DomainError } from "../../errors";
import {
  BUCKETS,
  BUYER_TYPES,
  CATEGORY_GROUPS,
  CHANNELS,
  FILTER_KEYS,
  FUNDING_FILTERS,
  type Channel,
} from "../dimensions";
import { parseMonth } from "../periods";
import { COLUMN } from "./sums.server";

export interface EntryFilters {
  county?: string;
  bucket?: (typeof BUCKETS)[number];
  buyer_type?: (typeof BUYER_TYPES)[number];
  funding_source?: (typeof FUNDING_FILTERS)[number];
  category_group?: (typeof CATEGORY_GROUPS)[number];
  cooperative?: number;
  /** the cooperative that sold the line (a gift box's seller; ADR 044): not a rollup key */
  seller?: number;
  product?: number;
  month?: string;
  eligible?: 0 | 1;
  /** where it was sold (ADR 051): not a rollup key either */
  channel?: Channel;
  /** the counter of a counter sale; implies channel=counter */
  counter?: number;
}

/** Reads drill-down filters from a query string; a value that cannot be is a 400. */
export function parseEntryFilters(search: URLSearchParams): EntryFilters {
  const filters: EntryFilters = {};
  const bad = (field: string) => new DomainError("dash.entries.badFilter", 400, { field }, field);
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = search.get(name);
    if (v === null || v === "") return undefined;
    if (!allowed.includes(v as T)) throw bad(name);
    return v as T;
  };
  const id = (name: string): number | undefined => {
    const v = search.get(name);
    if (v === null || v === "") return undefined;
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw bad(name);
    return Number(v);
  };
  const county = search.get("county");
  if (county) {
    if (!/^[a-z0-9_-]{1,40}$/.test(county)) throw bad("county");
    filters.county = county;
  }
  filters.bucket = pick("bucket", BUCKETS);
  filters.buyer_type = pick("buyer_type", BUYER_TYPES);
  filters.funding_source = pick("funding_source", FUNDING_FILTERS);
  filters.category_group = pick("category_group", CATEGORY_GROUPS);
  filters.cooperative = id("cooperative");
  filters.seller = id("seller");
  filters.product = id("product");
  const month = search.get("month");
  if (month) {
    const m = parseMonth(month);
    if (!m) throw bad("month");
    filters.month = m;
  }
  const eligible = pick("eligible", ["0", "1"] as const);
  if (eligible !== undefined) filters.eligible = eligible === "1" ? 1 : 0;
  filters.channel = pick("channel", CHANNELS);
  filters.counter = id("counter");
  if (filters.counter !== undefined) {
    // an online sale has no counter
    if (filters.channel === "online") throw bad("counter");
    filters.channel = "counter";
  }
  for (const key of Object.keys(filters) as Array<keyof EntryFilters>) {
    if (filters[key] === undefined) delete filters[key];
  }
  return filters;
}

/** The filters as query parameters (the inverse of parseEntryFilters). */
export function filterParams(filters: EntryFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** [column, value] pairs of the filters; the columns exist on the ledger and the rollups. */
export function filterColumns(filters: EntryFilters): Array<[string, string | number]> {
  const out: Array<[string, string | number]> = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined) continue;
    const column = key === "eligible" ? "eligible" : COLUMN[key];
    out.push([column, key === "funding_source" && value === "none" ? "" : value]);
  }
  return out;
}
