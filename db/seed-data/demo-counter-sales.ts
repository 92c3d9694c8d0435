// Till sales at the two demo counters (ADR 051), so the aid office's "sales channel"
// breakdown has life on a fresh demo store: a few walk-in sales a week at each counter
// over the last five weeks, the latest a few hours ago, each of the counter's shelf goods, paid
// through the store's own payment path with the clock set to the sale. Written as an order
// with channel = counter, as the till writes it; the till's own demo (issue 15, H4) may
// replace this.
import type { DB } from "../connection";
import { createCounterSale } from "../../tests/factories/aid-channel";

const HOUR = 3_600_000;
/** Hours before `now` of each demo sale, per counter. */
const SALE_HOURS = [
  [1, 3, 30, 54, 100, 170, 240, 360, 500, 700],
  [2, 4, 26, 80, 150, 260, 410, 620, 790],
];

export async function seedDemoCounterSales(db: DB, now: Date): Promise<number> {
  const counters = await db.selectFrom("counters").select("id").orderBy("sort").execute();
  let sales = 0;
  for (const [c, counter] of counters.entries()) {
    const shelf = await db
      .selectFrom("counter_stock")
      .select("product_id")
      .where("counter_id", "=", counter.id)
      .orderBy("product_id")
      .execute();
    if (!shelf.length) continue;
    for (const [i, hours] of (SALE_HOURS[c] ?? []).entries()) {
      const at = new Date(now.getTime() - hours * HOUR);
      await createCounterSale(
        db,
        counter.id,
        [{ productId: shelf[(i + c) % shelf.length]!.product_id, quantity: 1 + (i % 3) }],
        {
          now: at,
          // walk-ins who left a phone for the receipt; distinct, so none looks like a split
          input: { phone: `1597${String(c)}${String(i).padStart(6, "0")}` },
        },
      );
      sales++;
    }
  }
  return sales;
}
