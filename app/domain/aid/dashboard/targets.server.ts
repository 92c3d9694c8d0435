// Each county's yearly aid target, and how far the year's aid has come towards it.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { assertFen } from "~/utils/money";
import { DomainError } from "../../errors";
import { yearPeriod } from "../periods";
import { MAX_TARGET_YEAR, MIN_TARGET_YEAR, parseYear, parseYuan } from "../targets-input";
import { breakdown, type BreakdownRow } from "./breakdowns.server";

/** Who sets a target or reports a month: named in the audit log (no id for a system actor). */
export interface Officer {
  id: number | null;
  name: string;
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
