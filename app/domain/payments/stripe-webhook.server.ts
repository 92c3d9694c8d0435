import type Stripe from "stripe";
import type { DB } from "#db/connection";
import { applyRefundEvent } from "../orders/refund-settlement.server";
import { metrics } from "~/utils/metrics.server";
import { handleStripePaymentEvent } from "./stripe-events.server";

async function refundIdOf(db: DB, refund: Stripe.Refund): Promise<number | null> {
  const fromMetadata = Number(refund.metadata?.refund_id);
  if (Number.isSafeInteger(fromMetadata) && fromMetadata > 0) return fromMetadata;
  const row = await db
    .selectFrom("refunds")
    .select("id")
    .where("gateway_refund_id", "=", refund.id)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function applyStripeRefund(db: DB, eventId: string, refund: Stripe.Refund, now: Date) {
  const status =
    refund.status === "succeeded"
      ? "succeeded"
      : refund.status === "failed" || refund.status === "canceled"
        ? "failed"
        : null;
  // pending or requires_action: the refund has not settled; a later event will say how it ended
  if (!status) return "pending";
  return applyRefundEvent(
    db,
    {
      eventId,
      gateway: "stripe",
      refundId: await refundIdOf(db, refund),
      status,
      failureReason: refund.failure_reason ?? (status === "failed" ? refund.status : null),
      gatewayRefundId: refund.id,
      payload: { refund: refund.id, status: refund.status },
    },
    now,
  );
}

/**
 * Every verified Stripe event goes through here: payments to applyPaymentEvent, refunds to
 * applyRefundEvent. Anything else is acknowledged and left alone.
 */
export async function handleStripeEvent(
  db: DB,
  event: Stripe.Event,
  now = new Date(),
): Promise<string> {
  // Stripe's `created` is in seconds; a delay growing here means webhooks are backing up.
  metrics.webhookDelay.observe(Math.max(0, now.getTime() / 1000 - event.created));
  const payment = await handleStripePaymentEvent(db, event, now);
  if (payment !== "not_handled") return payment;
  switch (event.type) {
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      return applyStripeRefund(db, event.id, event.data.object, now);
    case "charge.refunded": {
      // Older API versions embed the refunds; each is applied under its own derived id.
      const refunds =
        (event.data.object as Stripe.Charge & { refunds?: { data?: Stripe.Refund[] } }).refunds
          ?.data ?? [];
      const outcomes = [];
      for (const refund of refunds)
        outcomes.push(await applyStripeRefund(db, `${event.id}:${refund.id}`, refund, now));
      return outcomes.join(",") || "not_handled";
    }
    default:
      return "not_handled";
  }
}
