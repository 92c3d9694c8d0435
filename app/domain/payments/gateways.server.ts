import { env } from "~/utils/env.server";
import { COUNTER_GATEWAY, counterGateway } from "./counter-gateway.server";
import { demoGateway } from "./demo-gateway.server";
import type { PaymentGateway } from "./gateway";
import { stripeClient } from "./stripe-client.server";
import { createStripeGateway } from "./stripe-gateway.server";

/**
 * A gateway by name ("counter" is a till sale's: paid at the counter, refunded there at
 * once; never the gateway of new online orders). Stripe needs the store's public origin for the links it sends
 * shoppers back to: PUBLIC_URL, else the origin of the request at hand.
 */
export function gatewayNamed(name: string, origin = "http://localhost:3000"): PaymentGateway {
  if (name === "demo") return demoGateway;
  if (name === COUNTER_GATEWAY) return counterGateway;
  if (name === "stripe")
    return createStripeGateway(stripeClient(), { origin: env().PUBLIC_URL ?? origin });
  throw new Error(`no payment gateway named ${name}`);
}

/** The gateway new orders pay with (PAYMENT_GATEWAY, validated at start). */
export function activeGateway(origin?: string): PaymentGateway {
  return gatewayNamed(env().PAYMENT_GATEWAY, origin);
}
