import type Stripe from "stripe";
import type { DB } from "#db/connection";
import { applyPaymentEvent, type EventOutcome, type PaymentEvent } from "./events.server";

function orderIdOf(object: {
  metadata?: Stripe.Metadata | null;
  client_reference_id?: string | null;
}): number | null {
  const raw = object.metadata?.order_id ?? object.client_reference_id ?? null;
  const id = raw ? Number(raw) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Turns a verified Stripe event into the store's own payment news. Events the store does
 * not act on are recorded as ignored, so every delivery is accounted for.
 */
export function paymentEventFromStripe(event: Stripe.Event): PaymentEvent | null {
  const base = {
    id: event.id,
    gateway: "stripe",
    payload: { type: event.type, created: event.created },
  };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object;
      const type: PaymentEvent["type"] =
        event.type === "checkout.session.expired"
          ? "payment.expired"
          : event.type === "checkout.session.async_payment_failed"
            ? "payment.failed"
            : event.type === "checkout.session.async_payment_succeeded" ||
                session.payment_status === "paid"
              ? "payment.succeeded"
              : "payment.processing";
      return {
        ...base,
        type,
        orderId: orderIdOf(session),
        paymentId: session.id,
        amountFen: session.amount_total ?? null,
      };
    }
    default:
      return null;
  }
}

export async function handleStripePaymentEvent(
  db: DB,
  event: Stripe.Event,
  now = new Date(),
): Promise<EventOutcome | "not_handled"> {
  const mapped = paymentEventFromStripe(event);
  if (!mapped) return "not_handled";
  return applyPaymentEvent(db, mapped, now);
}
