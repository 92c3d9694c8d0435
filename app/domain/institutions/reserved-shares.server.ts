// The aid office's view of every institution's yearly reserved share (预留份额): reserved,
// spent (eligible ledger entries under the institution's key, refunds taken off), left, and
// whether it is behind the pace the date asks for.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { InstitutionType } from "#db/schema";
import { yearDays } from "~/domain/aid/buyer-profile.server";
import { SHARE_SORTS, type ShareSort } from "./institution-fields";

export interface ShareRow {
  id: number;
  name: string;
  creditCode: string | null;
  type: InstitutionType;
  purchasers: number;
  reservedFen: number | null;
  spentFen: number;
  leftFen: number | null;
  /** whole percent, floored; null without a reserved share */
  percent: number | null;
  /** what an even pace through the year would have spent by the day */
  expectedFen: number | null;
  behind: boolean;
}

/** How far through the year the day is (0 before it, 1 after it), by Shanghai calendar days. */
export function yearElapsed(year: number, today: string): number {
  const { start, end } = yearDays(year);
  if (today < start) return 0;
  if (today > end) return 1;
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const days = (day(end) - day(start)) / 86_400_000 + 1;
  return ((day(today) - day(start)) / 86_400_000 + 1) / days;
}

const compare: Record<ShareSort, (a: ShareRow, b: ShareRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
  reserved: (a, b) => (a.reservedFen ?? -1) - (b.reservedFen ?? -1),
  spent: (a, b) => a.spentFen - b.spentFen,
  left: (a, b) => (a.leftFen ?? -1) - (b.leftFen ?? -1),
  percent: (a, b) => (a.percent ?? -1) - (b.percent ?? -1),
};

/**
 * Every institution with its share for the year as of `today` (YYYY-MM-DD, Shanghai),
 * sorted; ties keep the name order, and institutions without a share sort as the smallest.
 */
export async function reservedShareTable(
  db: DB,
  options: { year: number; today: string; sort?: ShareSort; descending?: boolean },
): Promise<ShareRow[]> {
  const days = yearDays(options.year);
  const rows = await db
    .selectFrom("institutions as i")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("aid_ledger")
          .select((s) => ["buyer_key", s.fn.sum<number>("amount_fen").as("fen")])
          .where("buyer_key", "like", "org:%")
          .where("eligible", "=", 1)
          .where("day", ">=", days.start)
          .where("day", "<=", days.end)
          .groupBy("buyer_key")
          .as("spent"),
      (join) => join.on("spent.buyer_key", "=", sql<string>`'org:' || i.id`),
    )
    .select((eb) => [
      "i.id",
      "i.name",
      "i.credit_code",
      "i.type",
      "i.reserved_share_fen",
      eb.fn.coalesce("spent.fen", sql<number>`0`).as("spent_fen"),
      eb
        .selectFrom("institution_members as m")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("m.institution_id", "=", "i.id")
        .as("purchasers"),
    ])
    .execute();
  const elapsed = yearElapsed(options.year, options.today);
  const table = rows.map((r): ShareRow => {
    const spentFen = Number(r.spent_fen);
    const reservedFen = r.reserved_share_fen;
    const expectedFen = reservedFen == null ? null : Math.round(reservedFen * elapsed);
    return {
      id: r.id,
      name: r.name,
      creditCode: r.credit_code,
      type: r.type,
      purchasers: Number(r.purchasers ?? 0),
      reservedFen,
      spentFen,
      leftFen: reservedFen == null ? null : Math.max(0, reservedFen - spentFen),
      percent: reservedFen ? Math.max(0, Math.floor((spentFen * 100) / reservedFen)) : null,
      expectedFen,
      behind: expectedFen != null && spentFen < expectedFen,
    };
  });
  const sort = options.sort && SHARE_SORTS.includes(options.sort) ? options.sort : "name";
  const sign = options.descending ? -1 : 1;
  return table.sort((a, b) => sign * compare[sort](a, b) || compare.name(a, b) || a.id - b.id);
}
