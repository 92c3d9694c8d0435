// Months the aid office has reported: their figures no longer move (appendLedger dates
// later entries into the current month), and the audit log says who reported them.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { shanghaiDate } from "~/utils/time";
import { DomainError } from "../../errors";
import { writeMonthDigest } from "../month-digests.server";
import { monthHasEnded, monthsBetween, parseMonth, type Period } from "../periods";
import { num } from "./sums.server";
import type { Officer } from "./targets.server";

/**
 * Marks a month as reported; only a month that has ended, and only once. The month's digest
 * (entry count, county totals, last hash: ADR 040) is sealed in the same transaction.
 */
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
    await writeMonthDigest(trx, month, now);
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

/** The reported months inside a period, oldest first. */
export async function reportedMonthsIn(
  db: DB,
  period: Pick<Period, "start" | "end">,
): Promise<string[]> {
  const rows = await db
    .selectFrom("reported_periods")
    .select("month")
    .where("month", ">=", period.start.slice(0, 7))
    .where("month", "<=", period.end.slice(0, 7))
    .orderBy("month")
    .execute();
  return rows.map((r) => r.month);
}
