import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { handleStripeEvent } from "~/domain/payments/stripe-webhook.server";
import { stripeClient } from "~/domain/payments/stripe-client.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** Signatures older than this are refused (replays). */
const TOLERANCE_SECONDS = 300;
/** Stripe's events are a few KB (server/guards.js refuses a larger declared length). */
const MAX_EVENT_BYTES = 1024 * 1024;

/** The body as text, or null once it passes `max` bytes: the rest is never read. */
async function readUpTo(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

// Stripe calls this server-to-server: no cookies, no Origin check; the signature is the guard.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method not allowed" }, { status: 405 });
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (env().PAYMENT_GATEWAY !== "stripe" || !secret)
    return json({ error: "Stripe is not configured" }, { status: 404 });
  const signature = request.headers.get("Stripe-Signature");
  if (!signature) return json({ error: "missing Stripe-Signature" }, { status: 400 });
  const raw = await readUpTo(request, MAX_EVENT_BYTES);
  if (raw === null) {
    return json({ error: "too large" }, { status: 413, headers: { Connection: "close" } });
  }
  let event;
  try {
    event = stripeClient().webhooks.constructEvent(raw, signature, secret, TOLERANCE_SECONDS);
  } catch {
    return json({ error: "bad signature" }, { status: 400 });
  }
  const outcome = await handleStripeEvent(await getDb(), event);
  return json({ received: true, outcome });
}

export async function loader() {
  return json({ error: "method not allowed" }, { status: 405, headers: { Allow: "POST" } });
}
