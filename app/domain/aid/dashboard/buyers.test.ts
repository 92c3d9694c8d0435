import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, refundAid } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { customPeriod, monthPeriod, quarterPeriod, yearPeriod, type Period } from "../periods";
import { countBuyers } from "./totals.server";

// Distinct buyers over custom ranges come from aid_buyer_gaps; here they are compared with
// the plain distinct over the ledger, on orders paid out of order (so a day lands between
// a buyer's days), across Shanghai midnights, with refunds and goods that do not count.

let db: DB;
let cleanup: () => Promise<void>;
const orders: number[] = [];

/** A small pseudo-random sequence, the same every run. */
function* numbers(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

beforeAll(async () => {
  const catalog = await aidCatalog();
  ({ db, cleanup } = catalog);
  const rng = numbers(7);
  const next = () => rng.next().value as number;
  // 2025-12-28 … 2026-02-05 in Shanghai, some just before or after a Shanghai midnight
  const base = Date.parse("2025-12-28T00:00:00+08:00");
  for (let i = 0; i < 70; i++) {
    const day = Math.floor(next() * 40);
    const edge = next() < 0.3 ? (next() < 0.5 ? 15.5 : 16.5) - 8 + 24 : next() * 24;
    const when = new Date(base + day * 86_400_000 + edge * 3_600_000 - 8 * 3_600_000);
    const product = next() < 0.25 ? catalog.craft : next() < 0.5 ? catalog.yak : catalog.milk;
    const phone = `1390000${String(Math.floor(next() * 12)).padStart(4, "0")}`;
    const order = await createPaidOrder(db, [{ productId: product, quantity: 1 }], {
      now: when,
      input: { phone, street: `路 ${i} 号` },
    });
    orders.push(order.id);
    if (product !== catalog.craft && next() < 0.2) {
      await refundAid(db, order.id, 100, new Date(when.getTime() + 3 * 86_400_000));
    }
  }
});
afterAll(() => cleanup());

async function plainCount(period: Pick<Period, "start" | "end">) {
  const row = await db
    .selectFrom("aid_ledger")
    .select(sql<number>`count(distinct buyer_key)`.as("n"))
    .where("entry_type", "=", "sale")
    .where("eligible", "=", 1)
    .where("day", ">=", period.start)
    .where("day", "<=", period.end)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("distinct buyers over any range", () => {
  it("has buyers on several days, some of whom also bought goods that do not count", async () => {
    expect(orders).toHaveLength(70);
    const busy = await sql<{ n: number }>`select count(*) as n from (select buyer_key
      from aid_buyer_days group by buyer_key having count(*) > 2) as busy`.execute(db);
    expect(busy.rows[0]!.n).toBeGreaterThan(3);
  });

  it("equals the distinct count over the ledger for every range between these days", async () => {
    const days = [
      "2025-12-27",
      "2025-12-28",
      "2025-12-31",
      "2026-01-01",
      "2026-01-02",
      "2026-01-09",
      "2026-01-15",
      "2026-01-31",
      "2026-02-01",
      "2026-02-04",
      "2026-02-06",
    ];
    let nonZero = 0;
    for (const [i, from] of days.entries()) {
      for (const to of days.slice(i)) {
        const period = customPeriod(from, to);
        const expected = await plainCount(period);
        if (expected > 0) nonZero++;
        expect(await countBuyers(db, period), `${from} – ${to}`).toBe(expected);
      }
    }
    expect(nonZero).toBeGreaterThan(40);
  });

  it("agrees with the stored counts of calendar periods", async () => {
    for (const period of [monthPeriod("2026-01"), quarterPeriod(2026, 1), yearPeriod(2026)]) {
      const asRange = customPeriod(period.start, period.end);
      expect(await countBuyers(db, asRange)).toBe(await countBuyers(db, period));
      expect(await countBuyers(db, period)).toBe(await plainCount(period));
    }
  });

  it("keeps aid_buyer_gaps equal to the gaps recomputed from the buyer days", async () => {
    const stored = await sql`select day, prev_day, buyers from aid_buyer_gaps
      order by 1, 2`.execute(db);
    const recomputed = await sql`select day, prev_day, count(*) as buyers from (
        select day, coalesce(lag(day) over (partition by buyer_key order by day), '') as prev_day
        from aid_buyer_days) as gaps
      group by 1, 2 order by 1, 2`.execute(db);
    expect(stored.rows.length).toBeGreaterThan(20);
    expect(stored.rows).toEqual(recomputed.rows);
  });
});
