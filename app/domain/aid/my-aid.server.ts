// A person's own aid, read from the ledger: totals by year and county, and what they bought
// lately (a gift box as one item, with where its aid went underneath).
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { loadBuyer } from "./buyer-profile.server";

export interface CountyTotal {
  code: string;
  name: string;
  pairedDistrict: string | null;
  fen: number;
}

type Lang = ReturnType<typeof lang>;

/** One eligible total per year and county, as the ledger groups them. */
export interface YearCountyRow {
  year: number;
  countyCode: string;
  fen: number;
}

type CountyNames = Map<string, { name: string; pairedDistrict: string | null }>;

const byFen = (a: { fen: number; code: string }, b: { fen: number; code: string }) =>
  b.fen - a.fen || a.code.localeCompare(b.code);

/**
 * The year and county totals from the grouped rows: largest first, newest year first. A
 * county the catalogue no longer knows is shown by its code.
 */
export function aidTotals(rows: readonly YearCountyRow[], countyNames: CountyNames) {
  const years = new Map<number, number>();
  const counties = new Map<string, CountyTotal>();
  const yearCounties: Array<CountyTotal & { year: number }> = [];
  let totalFen = 0;
  for (const { year, countyCode, fen } of rows) {
    const known = countyNames.get(countyCode);
    const county = {
      code: countyCode,
      name: known?.name ?? countyCode,
      pairedDistrict: known?.pairedDistrict ?? null,
    };
    totalFen += fen;
    years.set(year, (years.get(year) ?? 0) + fen);
    const c = counties.get(county.code) ?? { ...county, fen: 0 };
    c.fen += fen;
    counties.set(county.code, c);
    yearCounties.push({ ...county, year, fen });
  }
  return {
    totalFen,
    years: [...years].map(([year, fen]) => ({ year, fen })).sort((a, b) => b.year - a.year),
    counties: [...counties.values()].sort(byFen),
    yearCounties: yearCounties.sort((a, b) => b.year - a.year || byFen(a, b)),
  };
}

async function eligibleByYearAndCounty(db: DB, keys: string[]): Promise<YearCountyRow[]> {
  const rows = await db
    .selectFrom("aid_ledger")
    .select((eb) => [
      sql<string>`substr(day, 1, 4)`.as("year"),
      "county_code",
      eb.fn.sum<number>("amount_fen").as("fen"),
    ])
    .where("buyer_key", "in", keys)
    .where("eligible", "=", 1)
    .groupBy([sql`substr(day, 1, 4)`, "county_code"])
    .execute();
  return rows.map((r) => ({ year: Number(r.year), countyCode: r.county_code, fen: Number(r.fen) }));
}

async function countyNamesIn(db: DB, l: Lang): Promise<CountyNames> {
  const rows = await db
    .selectFrom("counties")
    .select([
      "code",
      sql.ref<string>(`name_${l}`).as("name"),
      sql.ref<string | null>(`paired_district_${l}`).as("paired_district"),
    ])
    .execute();
  return new Map(rows.map((c) => [c.code, { name: c.name, pairedDistrict: c.paired_district }]));
}

/** Where a gift box's aid went: one of its components, and its share. */
export interface BoxPart {
  productName: string;
  cooperativeName: string;
  countyName: string;
  amountFen: number;
}

/**
 * One thing the person bought (or had refunded): a plain line's entry, or a gift box with
 * its split across the components' counties and cooperatives underneath (ADR 044).
 */
export interface RecentItem {
  id: number;
  type: "sale" | "refund";
  amountFen: number;
  occurredAt: string;
  orderNumber: string;
  productName: string;
  countyName: string;
  /** units of the product, or boxes; null for a refund of an amount only */
  quantity: number | null;
  /** for a gift box: where its aid went; null for a plain line */
  parts: BoxPart[] | null;
}

interface RecentRow {
  id: number;
  entry_type: "sale" | "refund";
  order_line_id: number;
  refund_id: number | null;
  amount_fen: number;
  quantity: number;
  occurred_at: string;
  order_number: string;
  bundle_product_id: number | null;
  product_name: string | null;
  county_name: string | null;
  cooperative_name: string | null;
  box_name: string | null;
  box_quantity: number | null;
}

/**
 * The entries of one line in one event (its sale, or one refund) make one item: a gift
 * box's component entries gather under the box, in the order they were written.
 */
export function groupRecent(rows: readonly RecentRow[]): RecentItem[] {
  const items = new Map<string, RecentItem>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const key =
      r.bundle_product_id == null
        ? `entry:${r.id}`
        : `${r.order_line_id}:${r.entry_type}:${r.refund_id ?? ""}`;
    const item = items.get(key);
    if (item?.parts) {
      item.id = r.id;
      item.amountFen += r.amount_fen;
      item.parts.push(partOf(r));
      continue;
    }
    const box = r.bundle_product_id != null;
    items.set(key, {
      id: r.id,
      type: r.entry_type,
      amountFen: r.amount_fen,
      occurredAt: r.occurred_at,
      orderNumber: r.order_number,
      productName: (box ? r.box_name : r.product_name) ?? "",
      countyName: box ? "" : (r.county_name ?? ""),
      quantity: box ? r.box_quantity : Math.abs(r.quantity),
      parts: box ? [partOf(r)] : null,
    });
  }
  return [...items.values()].sort((a, b) => b.id - a.id);
}

const partOf = (r: RecentRow): BoxPart => ({
  productName: r.product_name ?? "",
  cooperativeName: r.cooperative_name ?? "",
  countyName: r.county_name ?? "",
  amountFen: r.amount_fen,
});

/** The person's latest things bought or refunded: `limit` items, a gift box being one. */
async function recentItems(db: DB, keys: string[], l: Lang, limit: number) {
  // the latest lines-and-events first, so a box is never cut off half way through its parts
  const latest = await db
    .selectFrom("aid_ledger")
    .select((eb) => [
      "order_line_id",
      "entry_type",
      sql<number>`coalesce(refund_id, 0)`.as("refund_key"),
      eb.fn.max("id").as("last_id"),
    ])
    .where("buyer_key", "in", keys)
    .where("eligible", "=", 1)
    .groupBy(["order_line_id", "entry_type", sql`coalesce(refund_id, 0)`])
    .orderBy("last_id", "desc")
    .limit(limit)
    .execute();
  if (!latest.length) return [];
  const rows = await db
    .selectFrom("aid_ledger as a")
    .innerJoin("orders as o", "o.id", "a.order_id")
    .innerJoin("order_lines as ol", "ol.id", "a.order_line_id")
    .leftJoin("refund_lines as rl", (join) =>
      join
        .onRef("rl.refund_id", "=", "a.refund_id")
        .onRef("rl.order_line_id", "=", "a.order_line_id"),
    )
    .leftJoin("products as p", "p.id", "a.product_id")
    .leftJoin("products as b", "b.id", "a.bundle_product_id")
    .leftJoin("cooperatives as c", "c.id", "a.cooperative_id")
    .leftJoin("counties as y", "y.code", "a.county_code")
    .select([
      "a.id",
      "a.entry_type",
      "a.order_line_id",
      "a.refund_id",
      "a.amount_fen",
      "a.quantity",
      "a.occurred_at",
      "a.bundle_product_id",
      "o.number as order_number",
      sql.ref<string | null>(`p.name_${l}`).as("product_name"),
      sql.ref<string | null>(`b.name_${l}`).as("box_name"),
      sql.ref<string | null>(`c.name_${l}`).as("cooperative_name"),
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
      sql<number | null>`case when a.entry_type = 'sale' then ol.quantity else rl.quantity end`.as(
        "box_quantity",
      ),
    ])
    .where("a.buyer_key", "in", keys)
    .where("a.eligible", "=", 1)
    .where(
      "a.order_line_id",
      "in",
      latest.map((g) => g.order_line_id),
    )
    .execute();
  const wanted = new Set(latest.map((g) => `${g.order_line_id}:${g.entry_type}:${g.refund_key}`));
  return groupRecent(
    rows.filter((r) => wanted.has(`${r.order_line_id}:${r.entry_type}:${r.refund_id ?? 0}`)),
  );
}

/** What these ledger keys gave: totals by year and county, and their latest entries. */
export async function aidOfKeys(
  db: DB,
  keys: string[],
  options: { locale?: Locale; recent?: number } = {},
) {
  const l = lang(options.locale ?? "zh-CN");
  const [grouped, countyNames, recent] = await Promise.all([
    eligibleByYearAndCounty(db, keys),
    countyNamesIn(db, l),
    recentItems(db, keys, l, options.recent ?? 20),
  ]);
  return { ...aidTotals(grouped, countyNames), recent };
}

/** What the person gave for themselves (what they bought for an institution is its own). */
export async function myAid(
  db: DB,
  user: { id: number },
  options: { locale?: Locale; recent?: number } = {},
) {
  const buyer = await loadBuyer(db, user.id);
  return aidOfKeys(db, buyer.keys, options);
}
