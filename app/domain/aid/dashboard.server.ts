// The aid office's figures (docs/decisions/012-aid-dashboard-rollups.md). Sums read the
// rollups, never the ledger: aid_rollup_monthly for periods made of whole months,
// aid_rollup_daily for other day ranges. Distinct counts read the counting tables kept by
// appendLedger. Only the drill-down list and the buyer count of a custom day range read
// aid_ledger itself. Eligible amounts make the aid total; the rest is reported apart.
import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "#db/connection";
import type { AidRollupMonthlyTable, Database } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { assertFen } from "~/utils/money";
import { shanghaiDate } from "~/utils/time";
import { DomainError } from "../errors";
import {
  monthHasEnded,
  monthsBetween,
  parseMonth,
  splitRange,
  yearPeriod,
  type Period,
} from "./periods";
import { MAX_TARGET_YEAR, MIN_TARGET_YEAR, parseYear, parseYuan } from "./targets-input";

import {
  BUCKETS,
  BUYER_TYPES,
  CATEGORY_GROUPS,
  DIMENSIONS,
  FILTER_KEYS,
  FUNDING_FILTERS,
  type Dimension,
} from "./dimensions";

export { DIMENSIONS, FILTER_KEYS, type Dimension };

const COLUMN = {
  county: "county_code",
  bucket: "bucket",
  buyer_type: "buyer_type",
  funding_source: "funding_source",
  category_group: "category_group",
  cooperative: "cooperative_id",
  product: "product_id",
  month: "month",
} as const satisfies Record<Dimension, keyof AidRollupMonthlyTable>;

const num = (v: unknown): number => (v == null ? 0 : Number(v));

// ---------------------------------------------------------------------------------------
// Where sums come from

const ROLLUP_COLUMNS = [
  "month",
  "county_code",
  "cooperative_id",
  "product_id",
  "category_group",
  "bucket",
  "buyer_type",
  "funding_source",
  "eligible",
  "amount_fen",
  "quantity",
  "entries",
] as const;

type RollupQuery = SelectQueryBuilder<Database & { r: AidRollupMonthlyTable }, "r", object>;

/**
 * The rollup rows of a period, as `r`: aid_rollup_monthly for the whole months in it and
 * aid_rollup_daily only for loose days at its ends. Sums add up across the two.
 */
function rollupRows(db: DB, period: Period): RollupQuery {
  const { months, days } = splitRange(period);
  const first = months[0];
  const last = months[months.length - 1];
  if (first && last && !days.length) {
    return db
      .selectFrom("aid_rollup_monthly as r")
      .where("r.month", ">=", first)
      .where("r.month", "<=", last);
  }
  if (!first && days.length === 1) {
    return (db.selectFrom("aid_rollup_daily as r") as unknown as RollupQuery)
      .where(sql.ref("r.day"), ">=", days[0]!.from)
      .where(sql.ref("r.day"), "<=", days[0]!.to);
  }
  // two or three parts: loose days at the start and/or end, whole months between
  const [head, ...rest] = days.map((d) =>
    db
      .selectFrom("aid_rollup_daily")
      .select(ROLLUP_COLUMNS)
      .where("day", ">=", d.from)
      .where("day", "<=", d.to),
  );
  let union = head!;
  for (const part of rest) union = union.unionAll(part);
  if (first && last) {
    union = union.unionAll(
      db
        .selectFrom("aid_rollup_monthly")
        .select(ROLLUP_COLUMNS)
        .where("month", ">=", first)
        .where("month", "<=", last),
    );
  }
  return db.selectFrom(union.as("r")) as unknown as RollupQuery;
}

/** True when the period's figures come from the month tables (whole months). */
export function isMonthAligned(period: Period): boolean {
  return period.months !== null;
}

/** Sums along one dimension value, eligible and apart. */
export interface Sums {
  aidFen: number;
  otherFen: number;
  aidQuantity: number;
  aidEntries: number;
  otherEntries: number;
}

const zeroSums = (): Sums => ({
  aidFen: 0,
  otherFen: 0,
  aidQuantity: 0,
  aidEntries: 0,
  otherEntries: 0,
});

/**
 * Sums by value of one dimension ("all": the single value ""), over a period: the whole
 * months from aid_month_totals (a few rows per value and month), any loose days at the
 * ends from aid_rollup_daily.
 */
export async function dimensionSums(
  db: DB,
  period: Pick<Period, "start" | "end">,
  dimension: Dimension | "all",
): Promise<Map<string, Sums>> {
  const { months, days } = splitRange(period);
  const parts: Array<
    Promise<
      Array<{
        value: string | number;
        eligible: number;
        amount: number;
        quantity: number;
        entries: number;
      }>
    >
  > = [];
  if (months.length) {
    parts.push(
      db
        .selectFrom("aid_month_totals")
        .select((eb) => [
          "value",
          "eligible",
          eb.fn.sum<number>("amount_fen").as("amount"),
          eb.fn.sum<number>("quantity").as("quantity"),
          eb.fn.sum<number>("entries").as("entries"),
        ])
        .where("dimension", "=", dimension)
        .where("month", ">=", months[0]!)
        .where("month", "<=", months[months.length - 1]!)
        .groupBy(["value", "eligible"])
        .execute(),
    );
  }
  for (const d of days) {
    const column =
      dimension === "all" ? sql<string>`''` : sql.ref<string | number>(`${COLUMN[dimension]}`);
    parts.push(
      db
        .selectFrom("aid_rollup_daily")
        .select((eb) => [
          column.as("value"),
          "eligible",
          eb.fn.sum<number>("amount_fen").as("amount"),
          eb.fn.sum<number>("quantity").as("quantity"),
          eb.fn.sum<number>("entries").as("entries"),
        ])
        .where("day", ">=", d.from)
        .where("day", "<=", d.to)
        .groupBy([column, "eligible"])
        .execute(),
    );
  }
  const out = new Map<string, Sums>();
  for (const rows of await Promise.all(parts)) {
    for (const r of rows) {
      const value = String(r.value);
      const acc = out.get(value) ?? zeroSums();
      if (r.eligible === 1) {
        acc.aidFen += num(r.amount);
        acc.aidQuantity += num(r.quantity);
        acc.aidEntries += num(r.entries);
      } else {
        acc.otherFen += num(r.amount);
        acc.otherEntries += num(r.entries);
      }
      out.set(value, acc);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Headline totals

export interface Totals {
  /** the aid total: eligible entries, refunds included (they are negative) */
  aidFen: number;
  /** sales of goods that do not count as aid, shown apart */
  otherFen: number;
  aidQuantity: number;
  aidEntries: number;
  otherEntries: number;
  /** orders with at least one eligible sale in the period */
  orders: number;
  /** orders with at least one sale that does not count */
  otherOrders: number;
  /** buyers (accounts, or guests by phone) with an eligible sale in the period */
  buyers: number;
  /** cooperatives with an eligible sale in the period */
  cooperatives: number;
  /** Σ farmers_reached those cooperatives report of themselves (带动脱贫人口) */
  farmersReached: number;
}

export async function aidTotals(db: DB, period: Period): Promise<Totals> {
  const [sums, orders, coops, buyers] = await Promise.all([
    dimensionSums(db, period, "all"),
    db
      .selectFrom("aid_orders_daily")
      .select((eb) => ["eligible", eb.fn.sum<number>("orders").as("orders")])
      .where("day", ">=", period.start)
      .where("day", "<=", period.end)
      .groupBy("eligible")
      .execute(),
    db
      .selectFrom("cooperatives")
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>("farmers_reached").as("farmers"),
      ])
      .where(
        "id",
        "in",
        db
          .selectFrom("aid_coop_days")
          .select("cooperative_id")
          .distinct()
          .where("day", ">=", period.start)
          .where("day", "<=", period.end),
      )
      .executeTakeFirst(),
    countBuyers(db, period),
  ]);
  const all = sums.get("") ?? zeroSums();
  return {
    aidFen: all.aidFen,
    otherFen: all.otherFen,
    aidQuantity: all.aidQuantity,
    aidEntries: all.aidEntries,
    otherEntries: all.otherEntries,
    orders: num(orders.find((o) => o.eligible === 1)?.orders),
    otherOrders: num(orders.find((o) => o.eligible === 0)?.orders),
    buyers,
    cooperatives: num(coops?.count),
    farmersReached: num(coops?.farmers),
  };
}

/**
 * Distinct buyers: the stored count of a calendar month, quarter or year; otherwise a
 * distinct over the month sets of the whole months inside the range and the day sets of
 * the loose days at its ends.
 */
export async function countBuyers(db: DB, period: Period): Promise<number> {
  if (period.key) {
    const row = await db
      .selectFrom("aid_buyer_counts")
      .select("buyers")
      .where("period", "=", period.key)
      .executeTakeFirst();
    return row?.buyers ?? 0;
  }
  const { months, days } = splitRange(period);
  // UNION (not ALL) counts a buyer seen in more than one part once
  let union = db
    .selectFrom("aid_buyer_periods")
    .select("buyer_key")
    .where("period", "in", months.length ? months : [""]);
  for (const d of days) {
    union = union.union(
      db
        .selectFrom("aid_buyer_days")
        .select("buyer_key")
        .where("day", ">=", d.from)
        .where("day", "<=", d.to),
    );
  }
  const row = await db
    .selectFrom(union.as("b"))
    // distinct as well: with months alone there is no UNION to drop repeats
    .select(sql<number>`count(distinct b.buyer_key)`.as("n"))
    .executeTakeFirst();
  return num(row?.n);
}

// ---------------------------------------------------------------------------------------
// Breakdowns

export interface BreakdownRow extends Sums {
  /** the value as it goes into a drill-down link (funding "" is "none") */
  value: string;
  /** display name from the database (county, cooperative, product), or null to translate */
  name: string | null;
  /** second line: paired district for counties, county for cooperatives, cooperative for products */
  detail: string | null;
}

export async function breakdown(
  db: DB,
  period: Pick<Period, "start" | "end">,
  dimension: Dimension,
  locale: Locale = "zh-CN",
): Promise<BreakdownRow[]> {
  return labelled(db, dimension, await dimensionSums(db, period, dimension), locale);
}

async function labelled(
  db: DB,
  dimension: Dimension,
  sums: Map<string, Sums>,
  locale: Locale,
): Promise<BreakdownRow[]> {
  const names = await namesFor(db, dimension, [...sums.keys()], locale);
  const out: BreakdownRow[] = [...sums].map(([raw, sum]) => ({
    value: dimension === "funding_source" && raw === "" ? "none" : raw,
    name: names.get(raw)?.name ?? null,
    detail: names.get(raw)?.detail ?? null,
    ...sum,
  }));
  if (dimension === "month") out.sort((a, b) => a.value.localeCompare(b.value));
  else out.sort((a, b) => b.aidFen - a.aidFen || b.otherFen - a.otherFen);
  return out;
}

async function namesFor(
  db: DB,
  dimension: Dimension,
  values: string[],
  locale: Locale,
): Promise<Map<string, { name: string; detail: string | null }>> {
  const l = lang(locale);
  const map = new Map<string, { name: string; detail: string | null }>();
  if (!values.length) return map;
  if (dimension === "county") {
    const rows = await db
      .selectFrom("counties")
      .select([
        "code",
        sql.ref<string>(`name_${l}`).as("name"),
        sql.ref<string | null>(`paired_district_${l}`).as("detail"),
      ])
      .execute();
    for (const r of rows) map.set(r.code, { name: r.name, detail: r.detail });
  } else if (dimension === "cooperative" || dimension === "product") {
    const ids = values.map(Number);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows =
        dimension === "cooperative"
          ? await db
              .selectFrom("cooperatives as c")
              .leftJoin("counties as y", "y.code", "c.county_code")
              .select([
                "c.id",
                sql.ref<string>(`c.name_${l}`).as("name"),
                sql.ref<string | null>(`y.name_${l}`).as("detail"),
              ])
              .where("c.id", "in", chunk)
              .execute()
          : await db
              .selectFrom("products as p")
              .leftJoin("cooperatives as c", "c.id", "p.cooperative_id")
              .select([
                "p.id",
                sql.ref<string>(`p.name_${l}`).as("name"),
                sql.ref<string | null>(`c.name_${l}`).as("detail"),
              ])
              .where("p.id", "in", chunk)
              .execute();
      for (const r of rows) map.set(String(r.id), { name: r.name, detail: r.detail });
    }
  }
  return map;
}

// ---------------------------------------------------------------------------------------
// Trend and targets

export interface TrendPoint {
  month: string;
  aidFen: number;
  otherFen: number;
}

/** The twelve months of a year, each with its aid and non-aid sums (zeros included). */
export async function monthlyTrend(db: DB, year: number): Promise<TrendPoint[]> {
  return trendFrom(year, await breakdown(db, yearPeriod(year), "month"));
}

function trendFrom(year: number, rows: BreakdownRow[]): TrendPoint[] {
  const byMonth = new Map(rows.map((r) => [r.value, r]));
  return monthsBetween(`${year}-01`, `${year}-12`).map((month) => ({
    month,
    aidFen: byMonth.get(month)?.aidFen ?? 0,
    otherFen: byMonth.get(month)?.otherFen ?? 0,
  }));
}

export interface TargetProgress {
  county: string;
  name: string;
  pairedDistrict: string | null;
  targetFen: number | null;
  setByName: string | null;
  setAt: string | null;
  /** eligible aid of the year so far */
  aidFen: number;
  /** aidFen / targetFen in percent, one decimal; null without a target */
  percent: number | null;
}

export async function targetProgress(
  db: DB,
  year: number,
  locale: Locale = "zh-CN",
  yearByCounty?: BreakdownRow[],
): Promise<TargetProgress[]> {
  const l = lang(locale);
  const [counties, byCounty] = await Promise.all([
    db
      .selectFrom("counties as y")
      .leftJoin("aid_targets as t", (j) =>
        j.onRef("t.county_code", "=", "y.code").on("t.year", "=", year),
      )
      .select([
        "y.code",
        sql.ref<string>(`y.name_${l}`).as("name"),
        sql.ref<string | null>(`y.paired_district_${l}`).as("paired"),
        "t.target_fen",
        "t.set_by_name",
        "t.set_at",
      ])
      .orderBy("y.sort")
      .orderBy("y.code")
      .execute(),
    yearByCounty ?? breakdown(db, yearPeriod(year), "county", locale),
  ]);
  const aid = new Map(byCounty.map((r) => [r.value, r.aidFen]));
  return counties.map((c) => {
    const aidFen = aid.get(c.code) ?? 0;
    const targetFen = c.target_fen ?? null;
    return {
      county: c.code,
      name: c.name,
      pairedDistrict: c.paired,
      targetFen,
      setByName: c.set_by_name ?? null,
      setAt: c.set_at ?? null,
      aidFen,
      percent: targetFen ? Math.round((aidFen / targetFen) * 1000) / 10 : null,
    };
  });
}

// ---------------------------------------------------------------------------------------
// The whole dashboard

export interface Dashboard {
  totals: Totals;
  breakdowns: Record<Dimension, BreakdownRow[]>;
  trend: TrendPoint[];
  targets: TargetProgress[];
  /** months of the period already reported (their figures no longer move) */
  reportedMonths: string[];
}

export async function aidDashboard(
  db: DB,
  period: Period,
  locale: Locale = "zh-CN",
): Promise<Dashboard> {
  const [totals, ...lists] = await Promise.all([
    aidTotals(db, period),
    ...DIMENSIONS.map((d) => breakdown(db, period, d, locale)),
  ]);
  const breakdowns = Object.fromEntries(DIMENSIONS.map((d, i) => [d, lists[i]!])) as Record<
    Dimension,
    BreakdownRow[]
  >;
  // the year's figures are the period's own when the period is that year
  const isYear = period.key === String(period.year);
  const [trendRows, yearByCounty, reported] = await Promise.all([
    isYear ? breakdowns.month : breakdown(db, yearPeriod(period.year), "month", locale),
    isYear ? breakdowns.county : breakdown(db, yearPeriod(period.year), "county", locale),
    db
      .selectFrom("reported_periods")
      .select("month")
      .where("month", ">=", period.start.slice(0, 7))
      .where("month", "<=", period.end.slice(0, 7))
      .orderBy("month")
      .execute(),
  ]);
  return {
    totals,
    breakdowns,
    trend: trendFrom(period.year, trendRows),
    targets: await targetProgress(db, period.year, locale, yearByCounty),
    reportedMonths: reported.map((r) => r.month),
  };
}

// ---------------------------------------------------------------------------------------
// Drill-down

export interface EntryFilters {
  county?: string;
  bucket?: (typeof BUCKETS)[number];
  buyer_type?: (typeof BUYER_TYPES)[number];
  funding_source?: (typeof FUNDING_FILTERS)[number];
  category_group?: (typeof CATEGORY_GROUPS)[number];
  cooperative?: number;
  product?: number;
  month?: string;
  eligible?: 0 | 1;
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
  filters.product = id("product");
  const month = search.get("month");
  if (month) {
    const m = parseMonth(month);
    if (!m) throw bad("month");
    filters.month = m;
  }
  const eligible = pick("eligible", ["0", "1"] as const);
  if (eligible !== undefined) filters.eligible = eligible === "1" ? 1 : 0;
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
function filterColumns(filters: EntryFilters): Array<[string, string | number]> {
  const out: Array<[string, string | number]> = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined) continue;
    const column = key === "eligible" ? "eligible" : COLUMN[key];
    out.push([column, key === "funding_source" && value === "none" ? "" : value]);
  }
  return out;
}

export interface EntryRow {
  id: number;
  entryType: "sale" | "refund";
  occurredAt: string;
  day: string;
  orderNumber: string;
  productId: number;
  productName: string | null;
  cooperativeName: string | null;
  countyName: string | null;
  pairedDistrict: string | null;
  categoryGroup: string;
  bucket: string;
  buyerType: string;
  fundingSource: string;
  eligible: 0 | 1;
  quantity: number;
  amountFen: number;
}

export interface EntryPage {
  rows: EntryRow[];
  /** all entries behind the figure, not just this page */
  count: number;
  amountFen: number;
  page: number;
  pages: number;
  pageSize: number;
}

export const PAGE_SIZE = 50;

/**
 * The ledger entries behind a figure, newest first. The count and sum over all pages come
 * from the same rollup the figure came from, so they match it by construction.
 */
export async function listEntries(
  db: DB,
  period: Period,
  filters: EntryFilters,
  page = 1,
  locale: Locale = "zh-CN",
  pageSize = PAGE_SIZE,
): Promise<EntryPage> {
  const l = lang(locale);
  const conditions = filterColumns(filters);
  let totalQuery = rollupRows(db, period);
  for (const [column, value] of conditions) {
    totalQuery = totalQuery.where(sql.ref(`r.${column}`), "=", value);
  }
  const total = await totalQuery
    .select((eb) => [
      eb.fn.sum<number>("r.entries").as("count"),
      eb.fn.sum<number>("r.amount_fen").as("amount"),
    ])
    .executeTakeFirst();
  const count = num(total?.count);
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  let ledger = db
    .selectFrom("aid_ledger as r")
    .where("r.day", ">=", period.start)
    .where("r.day", "<=", period.end);
  for (const [column, value] of conditions) {
    ledger = ledger.where(sql.ref(`r.${column}`), "=", value);
  }
  const rows = count
    ? await ledger
        .innerJoin("orders as o", "o.id", "r.order_id")
        .leftJoin("products as p", "p.id", "r.product_id")
        .leftJoin("cooperatives as c", "c.id", "r.cooperative_id")
        .leftJoin("counties as y", "y.code", "r.county_code")
        .select([
          "r.id",
          "r.entry_type",
          "r.occurred_at",
          "r.day",
          "o.number",
          "r.product_id",
          sql.ref<string | null>(`p.name_${l}`).as("product_name"),
          sql.ref<string | null>(`c.name_${l}`).as("cooperative_name"),
          sql.ref<string | null>(`y.name_${l}`).as("county_name"),
          sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
          "r.category_group",
          "r.bucket",
          "r.buyer_type",
          "r.funding_source",
          "r.eligible",
          "r.quantity",
          "r.amount_fen",
        ])
        .orderBy("r.day", "desc")
        .orderBy("r.id", "desc")
        .limit(pageSize)
        .offset((current - 1) * pageSize)
        .execute()
    : [];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      entryType: r.entry_type,
      occurredAt: r.occurred_at,
      day: r.day,
      orderNumber: r.number,
      productId: r.product_id,
      productName: r.product_name,
      cooperativeName: r.cooperative_name,
      countyName: r.county_name,
      pairedDistrict: r.paired_district,
      categoryGroup: r.category_group,
      bucket: r.bucket,
      buyerType: r.buyer_type,
      fundingSource: r.funding_source === "" ? "none" : r.funding_source,
      eligible: r.eligible,
      quantity: r.quantity,
      amountFen: r.amount_fen,
    })),
    count,
    amountFen: num(total?.amount),
    page: current,
    pages,
    pageSize,
  };
}

/** Names for the filters shown above a drill-down list (county, cooperative, product). */
export async function filterNames(
  db: DB,
  filters: EntryFilters,
  locale: Locale = "zh-CN",
): Promise<{ county?: string; cooperative?: string; product?: string }> {
  const l = lang(locale);
  const out: { county?: string; cooperative?: string; product?: string } = {};
  if (filters.county) {
    const row = await db
      .selectFrom("counties")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("code", "=", filters.county)
      .executeTakeFirst();
    out.county = row?.name ?? filters.county;
  }
  if (filters.cooperative) {
    const row = await db
      .selectFrom("cooperatives")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.cooperative)
      .executeTakeFirst();
    out.cooperative = row?.name ?? `#${filters.cooperative}`;
  }
  if (filters.product) {
    const row = await db
      .selectFrom("products")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.product)
      .executeTakeFirst();
    out.product = row?.name ?? `#${filters.product}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Targets and reported periods

export interface Officer {
  id: number | null;
  name: string;
}

export { MAX_TARGET_YEAR, MIN_TARGET_YEAR };

/**
 * Reads the targets form: a year and one amount per county (blank = unchanged). Returns
 * what to save, or the message key beside each field that is wrong.
 */
export async function parseTargetsForm(
  db: DB,
  values: Record<string, string>,
): Promise<
  | { year: number; wanted: Array<{ county: string; targetFen: number }> }
  | { errors: Record<string, string> }
> {
  const errors: Record<string, string> = {};
  const year = parseYear(values.year);
  if (!year) errors.year = "dash.targets.errors.year";
  const counties = await db.selectFrom("counties").select("code").orderBy("sort").execute();
  const wanted: Array<{ county: string; targetFen: number }> = [];
  for (const { code } of counties) {
    const parsed = parseYuan(values[`target_${code}`] ?? "");
    if (!parsed) continue;
    if ("error" in parsed) errors[`target_${code}`] = parsed.error;
    else wanted.push({ county: code, targetFen: parsed.fen });
  }
  if (!Object.keys(errors).length && !wanted.length) errors._form = "dash.targets.nothing";
  if (Object.keys(errors).length || !year) return { errors };
  return { year, wanted };
}

/** Sets (or changes) a county's yearly aid target. */
export async function setTarget(
  db: DB,
  input: { year: number; county: string; targetFen: number; officer: Officer; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  if (
    !Number.isInteger(input.year) ||
    input.year < MIN_TARGET_YEAR ||
    input.year > MAX_TARGET_YEAR
  ) {
    throw new DomainError("dash.targets.errors.year", 400, {}, "year");
  }
  const field = `target_${input.county}`;
  if (!Number.isSafeInteger(input.targetFen) || input.targetFen <= 0) {
    throw new DomainError("dash.targets.errors.amount", 400, {}, field);
  }
  assertFen(input.targetFen);
  await db.transaction().execute(async (trx) => {
    const county = await trx
      .selectFrom("counties")
      .select("code")
      .where("code", "=", input.county)
      .executeTakeFirst();
    if (!county) throw new DomainError("dash.targets.errors.county", 400, {}, field);
    const before = await trx
      .selectFrom("aid_targets")
      .select("target_fen")
      .where("year", "=", input.year)
      .where("county_code", "=", input.county)
      .executeTakeFirst();
    await trx
      .insertInto("aid_targets")
      .values({
        year: input.year,
        county_code: input.county,
        target_fen: input.targetFen,
        set_by_name: input.officer.name,
        set_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(["year", "county_code"]).doUpdateSet({
          target_fen: input.targetFen,
          set_by_name: input.officer.name,
          set_at: now.toISOString(),
        }),
      )
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: input.officer.id,
        actor_name: input.officer.name,
        entity: "aid_target",
        entity_id: input.year,
        cooperative_id: null,
        action: before ? "target_changed" : "target_set",
        before: before
          ? JSON.stringify({ county: input.county, target_fen: before.target_fen })
          : null,
        after: JSON.stringify({ county: input.county, target_fen: input.targetFen }),
        why: null,
        at: now.toISOString(),
      })
      .execute();
  });
}

/** Marks a month as reported; only a month that has ended, and only once. */
export async function markPeriodReported(
  db: DB,
  input: { month: string; officer: Officer; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const month = parseMonth(input.month);
  if (!month) throw new DomainError("dash.periods.errors.month", 400, {}, "month");
  if (!monthHasEnded(month, now)) {
    throw new DomainError("dash.periods.errors.notEnded", 400, { month }, "month");
  }
  await db.transaction().execute(async (trx) => {
    const already = await trx
      .selectFrom("reported_periods")
      .select("month")
      .where("month", "=", month)
      .executeTakeFirst();
    if (already) throw new DomainError("dash.periods.errors.already", 409, { month }, "month");
    await trx
      .insertInto("reported_periods")
      .values({ month, reported_by_name: input.officer.name, reported_at: now.toISOString() })
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: input.officer.id,
        actor_name: input.officer.name,
        entity: "reported_period",
        entity_id: Number(month.replace("-", "")),
        cooperative_id: null,
        action: "period_reported",
        before: null,
        after: JSON.stringify({ month }),
        why: null,
        at: now.toISOString(),
      })
      .execute();
  });
}

export interface ReportedMonth {
  month: string;
  reportedByName: string;
  reportedAt: string;
  aidFen: number;
  otherFen: number;
}

/** Reported months, newest first, with the figures they were reported with. */
export async function listReportedPeriods(db: DB): Promise<ReportedMonth[]> {
  const rows = await db
    .selectFrom("reported_periods as p")
    .select([
      "p.month",
      "p.reported_by_name",
      "p.reported_at",
      (eb) =>
        eb
          .selectFrom("aid_rollup_monthly as r")
          .select(sql<number>`coalesce(sum(r.amount_fen), 0)`.as("s"))
          .whereRef("r.month", "=", "p.month")
          .where("r.eligible", "=", 1)
          .as("aid"),
      (eb) =>
        eb
          .selectFrom("aid_rollup_monthly as r")
          .select(sql<number>`coalesce(sum(r.amount_fen), 0)`.as("s"))
          .whereRef("r.month", "=", "p.month")
          .where("r.eligible", "=", 0)
          .as("other"),
    ])
    .orderBy("p.month", "desc")
    .execute();
  return rows.map((r) => ({
    month: r.month,
    reportedByName: r.reported_by_name,
    reportedAt: r.reported_at,
    aidFen: num(r.aid),
    otherFen: num(r.other),
  }));
}

/** Ended months of the last two years that are not reported yet, newest first. */
export async function reportableMonths(db: DB, now = new Date()): Promise<string[]> {
  const thisMonth = shanghaiDate(now).slice(0, 7);
  const [y, m] = thisMonth.split("-").map(Number) as [number, number];
  const first = `${y - 2}-${String(m).padStart(2, "0")}`;
  const ended = monthsBetween(first, thisMonth).filter((mo) => mo < thisMonth);
  const reported = new Set(
    (await db.selectFrom("reported_periods").select("month").execute()).map((r) => r.month),
  );
  return ended.filter((mo) => !reported.has(mo)).reverse();
}
