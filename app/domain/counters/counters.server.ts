// The Nanjing counters as places (ADR 046): what the public pages and the staff's desk read.
import type { DB } from "#db/connection";

const COUNTER_COLUMNS = [
  "id",
  "slug",
  "name_zh",
  "name_en",
  "address_zh",
  "address_en",
  "district_zh",
  "district_en",
  "hours_zh",
  "hours_en",
  "map_url",
  "phone",
] as const;

/** Every counter, in the order the store lists them. */
export function listCounters(db: DB) {
  return db.selectFrom("counters").select(COUNTER_COLUMNS).orderBy("sort").orderBy("id").execute();
}

export type Counter = Awaited<ReturnType<typeof listCounters>>[number];

/** The counter a member of staff works at, or null (not staff, or not yet assigned). */
export async function counterOfStaff(db: DB, userId: number): Promise<Counter | null> {
  const row = await db
    .selectFrom("counter_staff as s")
    .innerJoin("counters as c", "c.id", "s.counter_id")
    .select(COUNTER_COLUMNS.map((c) => `c.${c}` as const))
    .where("s.user_id", "=", userId)
    .executeTakeFirst();
  return row ?? null;
}

/** The counters that have a product on their shelf now. */
export function countersHolding(db: DB, productId: number) {
  return db
    .selectFrom("counter_stock as s")
    .innerJoin("counters as c", "c.id", "s.counter_id")
    .select(["c.id", "c.slug", "c.name_zh", "c.name_en", "c.district_zh", "c.district_en"])
    .where("s.product_id", "=", productId)
    .where("s.quantity", ">", 0)
    .orderBy("c.sort")
    .orderBy("c.id")
    .execute();
}
