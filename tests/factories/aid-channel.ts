// Till sales for the aid office's tests (ADR 051), written as the till writes them: an
// order with channel = counter and the counter's id, paid through the same path as an
// online order, so recordSale puts channel and counter on its ledger entries.
import type { DB } from "#db/connection";
import type { CheckoutInput } from "~/domain/checkout/checkout-input";
import { completeDemoPayment, demoGateway } from "~/domain/payments/demo-gateway.server";
import { createOrder } from "./orders";

/**
 * A walk-in sale at a counter, paid. `phone: ""` is an anonymous walk-in (no phone, and no
 * address of the buyer's: the counter's own stands in).
 */
export async function createCounterSale(
  db: DB,
  counterId: number,
  items: Array<{ productId: number; quantity: number }>,
  options: { input?: Partial<CheckoutInput>; now?: Date; phone?: string } = {},
) {
  const order = await createOrder(db, items, { input: options.input, now: options.now });
  await db
    .updateTable("orders")
    .set({
      channel: "counter",
      counter_id: counterId,
      counter_payment: "cash",
      ...(options.phone !== undefined ? { phone: options.phone } : {}),
    })
    .where("id", "=", order.id)
    .execute();
  await demoGateway.startPayment(
    db,
    { id: order.id, number: order.number, totalFen: order.totalFen },
    options.now,
  );
  const outcome = await completeDemoPayment(db, order.id, "succeeded", options.now);
  if (outcome !== "applied") throw new Error(`payment not applied: ${outcome}`);
  return order;
}
