// A counter's own shelf (ADR 046). Goods for pickup orders and till sales come from the
// counter's stock, not the cooperative's: taken with a conditional update that never goes
// below zero (and a CHECK behind it), given back when an unpaid order closes or a refund
// restocks, exactly as products.stock is for parcels.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { DomainError } from "../errors";

type Executor = Pick<Kysely<Database>, "selectFrom" | "updateTable" | "insertInto">;

export interface StockLine {
  product_id: number;
  quantity: number;
}

/** Quantities by product, lines of the same product added together. */
function byProduct(lines: readonly StockLine[]): Map<number, number> {
  const needed = new Map<number, number>();
  for (const l of lines) needed.set(l.product_id, (needed.get(l.product_id) ?? 0) + l.quantity);
  return needed;
}

/** The counter an order's goods come from: its counter for pickup and till orders, else null. */
export async function counterOfOrder(trx: Executor, orderId: number): Promise<number | null> {
  const order = await trx
    .selectFrom("orders")
    .select(["counter_id"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  return order?.counter_id ?? null;
}

/**
 * Takes each line from the counter's shelf, or refuses with the first line it cannot have
 * (checkout.soldOut / checkout.notEnoughStock, naming it). Call inside the transaction that
 * writes the order, so a refusal leaves nothing taken.
 */
export async function takeCounterStock(
  trx: Executor,
  counterId: number,
  lines: ReadonlyArray<StockLine & { name: string }>,
  now: Date,
): Promise<void> {
  const names = new Map(lines.map((l) => [l.product_id, l.name]));
  for (const [productId, quantity] of byProduct(lines)) {
    const taken = await trx
      .updateTable("counter_stock")
      .set((eb) => ({ quantity: eb("quantity", "-", quantity), updated_at: now.toISOString() }))
      .where("counter_id", "=", counterId)
      .where("product_id", "=", productId)
      .where("quantity", ">=", quantity)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n) {
      const left = await trx
        .selectFrom("counter_stock")
        .select("quantity")
        .where("counter_id", "=", counterId)
        .where("product_id", "=", productId)
        .executeTakeFirst();
      const stock = left?.quantity ?? 0;
      throw new DomainError(stock > 0 ? "checkout.notEnoughStock" : "checkout.soldOut", 409, {
        name: names.get(productId) ?? String(productId),
        stock,
      });
    }
  }
}

/** Puts quantities back on the counter's shelf (a row is made for a product it no longer lists). */
export async function returnCounterStock(
  trx: Executor,
  counterId: number,
  lines: readonly StockLine[],
  now: Date,
): Promise<void> {
  for (const [productId, quantity] of byProduct(lines)) {
    await trx
      .insertInto("counter_stock")
      .values({
        counter_id: counterId,
        product_id: productId,
        quantity,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(["counter_id", "product_id"]).doUpdateSet((eb) => ({
          quantity: eb("counter_stock.quantity", "+", quantity),
          updated_at: now.toISOString(),
        })),
      )
      .execute();
  }
}

/**
 * Takes an order's lines again (money arrived for an order that had closed): all or
 * nothing, true when every line could be had.
 */
export async function retakeCounterStock(
  trx: Executor,
  counterId: number,
  lines: readonly StockLine[],
  now: Date,
): Promise<boolean> {
  const needed = byProduct(lines);
  const shelf = await trx
    .selectFrom("counter_stock")
    .select(["product_id", "quantity"])
    .where("counter_id", "=", counterId)
    .where("product_id", "in", [...needed.keys()])
    .execute();
  for (const [productId, quantity] of needed) {
    const have = shelf.find((s) => s.product_id === productId)?.quantity ?? 0;
    if (have < quantity) return false;
  }
  await takeCounterStock(
    trx,
    counterId,
    [...needed].map(([product_id, quantity]) => ({ product_id, quantity, name: "" })),
    now,
  );
  return true;
}
