// A person's own aid, read from the ledger: totals by year and county, and recent entries.
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

async function recentEntries(db: DB, keys: string[], l: Lang, limit: number) {
  const rows = await db
    .selectFrom("aid_ledger as a")
    .innerJoin("orders as o", "o.id", "a.order_id")
    .leftJoin("products as p", "p.id", "a.product_id")
    .leftJoin("counties as y", "y.code", "a.county_code")
    .select([
      "a.id",
      "a.entry_type",
      "a.amount_fen",
      "a.occurred_at",
      "o.number as order_number",
      sql.ref<string | null>(`p.name_${l}`).as("product_name"),
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
    ])
    .where("a.buyer_key", "in", keys)
    .where("a.eligible", "=", 1)
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.entry_type,
    amountFen: r.amount_fen,
    occurredAt: r.occurred_at,
    orderNumber: r.order_number,
    productName: r.product_name ?? "",
    countyName: r.county_name ?? "",
  }));
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
    recentEntries(db, keys, l, options.recent ?? 20),
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
