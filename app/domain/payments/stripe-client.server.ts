import Stripe from "stripe";
import { env } from "~/utils/env.server";

let client: Stripe | undefined;

/** The one Stripe client, from STRIPE_SECRET_KEY (and STRIPE_API_BASE for local fakes). */
export function stripeClient(): Stripe {
  if (client) return client;
  const key = env().STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  const base = env().STRIPE_API_BASE ? new URL(env().STRIPE_API_BASE!) : null;
  client = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol === "https:" ? ("https" as const) : ("http" as const),
        }
      : {}),
  });
  return client;
}
