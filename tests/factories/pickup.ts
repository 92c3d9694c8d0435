// A paid order to be collected at a counter, for the counter desk's tests (ADR 049). The
// checkout's own pickup choice is another module's; this marks a paid order as pickup.
import type { DB } from "#db/connection";
import { createOrder, createPaidOrder } from "./orders";

let serial = 0;

/** A pickup order of this counter, paid unless `paid: false`; returns its id, number, code. */
export async function createPickupOrder(
  db: DB,
  counterId: number,
  items: Array<{ productId: number; quantity: number }>,
  options: { paid?: boolean; phone?: string; now?: Date } = {},
) {
  const input = { phone: options.phone ?? "13812345678" };
  const order =
    options.paid === false
      ? await createOrder(db, items, { input, now: options.now })
      : await createPaidOrder(db, items, { input, now: options.now });
  const code = `P${String(++serial).padStart(5, "0")}${Date.now() % 1000}`;
  await db
    .updateTable("orders")
    .set({ fulfilment: "pickup", counter_id: counterId, pickup_code: code })
    .where("id", "=", order.id)
    .execute();
  return { id: order.id, number: order.number, code };
}
