// products.units_sold: paid units less refunded ones, changed in the transaction that
// records the sale (recordSale) or the refund (recordRefund), each of which runs once per
// order or refund. A bundle counts as the bundle sold, not its components.
import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { Database } from "#db/schema";

type Trx = Pick<Transaction<Database>, "updateTable">;

/** Adds (or with negative quantities takes back) units sold, by product. */
export async function countUnitsSold(
  trx: Trx,
  lines: ReadonlyArray<{ product_id: number; quantity: number }>,
): Promise<void> {
  const byProduct = new Map<number, number>();
  for (const line of lines) {
    byProduct.set(line.product_id, (byProduct.get(line.product_id) ?? 0) + line.quantity);
  }
  for (const [productId, quantity] of byProduct) {
    if (quantity === 0) continue;
    await trx
      .updateTable("products")
      .set({ units_sold: sql<number>`max(0, units_sold + ${quantity})` })
      .where("id", "=", productId)
      .execute();
  }
}
