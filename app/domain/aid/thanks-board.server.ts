// The public thanks board (爱心榜): buyers who chose to be listed, by their eligible total.
import type { DB } from "#db/connection";
import { isInstitution, loadThanksOptIns, publicNameOf, yearDays } from "./buyer-profile.server";

const KEY_CHUNK = 400;

/**
 * Buyers who chose to be listed, with their eligible total for the year, largest first.
 * Only the name they chose (or their masked name, or an institution's name) is shown.
 */
export async function thanksBoard(db: DB, year: number, limit = 100) {
  const buyers = await loadThanksOptIns(db);
  if (!buyers.length) return [];
  const owner = new Map<string, number>();
  for (const b of buyers) for (const key of b.keys) owner.set(key, b.id);
  const totals = new Map<number, number>();
  const keys = [...owner.keys()];
  const days = yearDays(year);
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const sums = await db
      .selectFrom("aid_ledger")
      .select((eb) => ["buyer_key", eb.fn.sum<number>("amount_fen").as("fen")])
      .where("buyer_key", "in", keys.slice(i, i + KEY_CHUNK))
      .where("day", ">=", days.start)
      .where("day", "<=", days.end)
      .where("eligible", "=", 1)
      .groupBy("buyer_key")
      .execute();
    for (const s of sums) {
      const id = owner.get(s.buyer_key)!;
      totals.set(id, (totals.get(id) ?? 0) + Number(s.fen));
    }
  }
  return buyers
    .map((b) => ({ id: b.id, buyer: b, fen: totals.get(b.id) ?? 0 }))
    .filter((e) => e.fen > 0)
    .sort((a, b) => b.fen - a.fen || a.id - b.id)
    .slice(0, limit)
    .map((e, i) => ({
      rank: i + 1,
      name: e.buyer.thanksName || publicNameOf(e.buyer),
      institution: isInstitution(e.buyer.buyerType),
      fen: e.fen,
    }));
}
