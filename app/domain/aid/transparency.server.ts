// What /transparency publishes (ADR 040): a year's certified aid by month, county and paired
// Nanjing district, and each closed month's digest of the ledger. Figures only: no buyer,
// order, phone, name or address is read here. Sums come from aid_month_totals (its county
// rows bump the page cache's aid scope), digests from aid_month_digests.
import type { DB } from "#db/connection";
import { monthsBetween } from "./periods";
import { listMonthDigests, type StoredDigest } from "./month-digests.server";

export interface TransparencyCounty {
  code: string;
  nameZh: string;
  nameEn: string;
  pairedDistrictZh: string | null;
  pairedDistrictEn: string | null;
}

export interface TransparencyMonth {
  month: string;
  /** certified aid by county code (refunds subtracted), in fen */
  aidFen: Record<string, number>;
  totalFen: number;
  /** reported by the aid office and sealed with a digest */
  closed: boolean;
}

export interface TransparencyReport {
  year: number;
  /** years with figures, newest first (always including the year asked for) */
  years: number[];
  counties: TransparencyCounty[];
  months: TransparencyMonth[];
  /** the year by county, and by paired district (counties without one are summed apart) */
  yearByCounty: Array<{ code: string; aidFen: number }>;
  yearByDistrict: Array<{ districtZh: string | null; districtEn: string | null; aidFen: number }>;
  yearTotalFen: number;
  digests: StoredDigest[];
}

/** A year's public figures; months after `today` (YYYY-MM-DD, Shanghai) are left out. */
export async function transparencyReport(
  db: DB,
  year: number,
  today: string,
): Promise<TransparencyReport> {
  const [counties, sums, years, digests] = await Promise.all([
    db
      .selectFrom("counties")
      .select(["code", "name_zh", "name_en", "paired_district_zh", "paired_district_en"])
      .orderBy("sort")
      .orderBy("code")
      .execute(),
    db
      .selectFrom("aid_month_totals")
      .select(["month", "value", "amount_fen"])
      .where("dimension", "=", "county")
      .where("eligible", "=", 1)
      .where("month", ">=", `${year}-01`)
      .where("month", "<=", `${year}-12`)
      .execute(),
    db
      .selectFrom("aid_month_totals")
      .select((eb) => eb.fn<string>("substr", ["month", eb.val(1), eb.val(4)]).as("year"))
      .where("dimension", "=", "all")
      .distinct()
      .execute(),
    listMonthDigests(db, year),
  ]);
  const closed = new Set(digests.map((d) => d.month));
  const lastMonth = `${year}-12` < today.slice(0, 7) ? `${year}-12` : today.slice(0, 7);
  const months: TransparencyMonth[] = monthsBetween(`${year}-01`, lastMonth).map((month) => ({
    month,
    aidFen: Object.fromEntries(counties.map((c) => [c.code, 0])),
    totalFen: 0,
    closed: closed.has(month),
  }));
  const byMonth = new Map(months.map((m) => [m.month, m]));
  for (const row of sums) {
    const month = byMonth.get(row.month);
    if (!month) continue;
    month.aidFen[row.value] = (month.aidFen[row.value] ?? 0) + row.amount_fen;
    month.totalFen += row.amount_fen;
  }
  const yearByCounty = counties.map((c) => ({
    code: c.code,
    aidFen: months.reduce((s, m) => s + (m.aidFen[c.code] ?? 0), 0),
  }));
  return {
    year,
    years: [...new Set([year, ...years.map((y) => Number(y.year))])].sort((a, b) => b - a),
    counties: counties.map((c) => ({
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      pairedDistrictZh: c.paired_district_zh,
      pairedDistrictEn: c.paired_district_en,
    })),
    months: months.reverse(),
    yearByCounty,
    yearByDistrict: byDistrict(counties, yearByCounty),
    yearTotalFen: yearByCounty.reduce((s, c) => s + c.aidFen, 0),
    digests,
  };
}

function byDistrict(
  counties: Array<{
    code: string;
    paired_district_zh: string | null;
    paired_district_en: string | null;
  }>,
  totals: Array<{ code: string; aidFen: number }>,
) {
  const districts = new Map<
    string,
    { districtZh: string | null; districtEn: string | null; aidFen: number }
  >();
  for (const county of counties) {
    const key = county.paired_district_zh ?? "";
    const entry = districts.get(key) ?? {
      districtZh: county.paired_district_zh,
      districtEn: county.paired_district_en,
      aidFen: 0,
    };
    entry.aidFen += totals.find((t) => t.code === county.code)?.aidFen ?? 0;
    districts.set(key, entry);
  }
  // the unpaired (the city of Xining itself) last
  return [...districts.values()].sort(
    (a, b) => Number(a.districtZh === null) - Number(b.districtZh === null),
  );
}

/** One row per month and county: what the CSV download lists. */
export function transparencyRows(report: TransparencyReport) {
  const digestOf = new Map(report.digests.map((d) => [d.month, d]));
  return [...report.months].reverse().flatMap((m) =>
    report.counties.map((c) => {
      const digest = digestOf.get(m.month);
      return {
        month: m.month,
        countyCode: c.code,
        countyZh: c.nameZh,
        countyEn: c.nameEn,
        pairedDistrictZh: c.pairedDistrictZh ?? "",
        pairedDistrictEn: c.pairedDistrictEn ?? "",
        aidFen: m.aidFen[c.code] ?? 0,
        closed: m.closed,
        monthEntries: digest?.entries ?? null,
        monthLastHash: digest?.lastHash ?? null,
      };
    }),
  );
}
