// A period's figures along one dimension, each value with the name the page shows.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import type { Dimension } from "../dimensions";
import type { Period } from "../periods";
import { dimensionSums, type Sums } from "./sums.server";

export interface BreakdownRow extends Sums {
  /** the value as it goes into a drill-down link (funding "" is "none") */
  value: string;
  /** display name from the database (county, cooperative, product), or null to translate */
  name: string | null;
  /** second line: paired district for counties, county for cooperatives, cooperative for
   *  products, district for counters */
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
  } else if (dimension === "channel") {
    // "counter:<id>": the counter's name, its district beneath; "online" is translated
    const rows = await db
      .selectFrom("counters")
      .select([
        "id",
        sql.ref<string>(`name_${l}`).as("name"),
        sql.ref<string>(`district_${l}`).as("detail"),
      ])
      .execute();
    for (const r of rows) map.set(`counter:${r.id}`, { name: r.name, detail: r.detail });
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
