import type Stripe from "stripe";
import type { DB } from "#db/connection";
import { handleStripePaymentEvent } from "./stripe-events.server";

/**
 * Every verified Stripe event goes through here: payments to applyPaymentEvent, refunds to
 * applyRefundEvent. Anything else is acknowledged and left alone.
 */
export async function handleStripeEvent(
  db: DB,
  event: Stripe.Event,
  now = new Date(),
): Promise<string> {
  const payment = await handleStripePaymentEvent(db, event, now);
  if (payment !== "not_handled") return payment;
  return "not_handled";
}
