// The public thanks board (爱心榜): buyers who chose to be listed, by their eligible total.
import type { DB } from "#db/connection";
import { thanksInstitutions } from "~/domain/institutions/institutions.server";
import { loadThanksOptIns, publicNameOf, yearDays } from "./buyer-profile.server";

const KEY_CHUNK = 400;

/** Someone on the board: a person or an institution, with the ledger keys that are theirs. */
interface Listed {
  id: string;
  name: string;
  institution: boolean;
  keys: string[];
}

async function listed(db: DB): Promise<Listed[]> {
  const [people, institutions] = await Promise.all([loadThanksOptIns(db), thanksInstitutions(db)]);
  return [
    ...people.map((p) => ({
      id: `u${p.id}`,
      name: p.thanksName || publicNameOf(p),
      institution: false,
      keys: p.keys,
    })),
    ...institutions.map((i) => ({
      id: `i${i.id}`,
      name: i.name,
      institution: true,
      keys: [i.key],
    })),
  ];
}

/**
 * Buyers who chose to be listed, with their eligible total for the year, largest first.
 * Only the name they chose (or their masked name, or an institution's name) is shown.
 */
export async function thanksBoard(db: DB, year: number, limit = 100) {
  const buyers = await listed(db);
  if (!buyers.length) return [];
  const owner = new Map<string, string>();
  for (const b of buyers) for (const key of b.keys) owner.set(key, b.id);
  const totals = new Map<string, number>();
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
    .sort((a, b) => b.fen - a.fen || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((e, i) => ({
      rank: i + 1,
      name: e.buyer.name,
      institution: e.buyer.institution,
      fen: e.fen,
    }));
}
