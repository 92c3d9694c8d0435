import Stripe from "stripe";
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import {
  RefundDeclinedError,
  type PayableOrder,
  type PaymentGateway,
  type RefundRequest,
  type StartedPayment,
  type StartedRefund,
} from "./gateway";

/** Stripe refuses Checkout Sessions that expire sooner than 30 minutes after creation. */
const MIN_SESSION_MINUTES = 31;

/** How many attempt keys in a row may belong to sessions lost in crashes before giving up. */
const MAX_ORPHANED_ATTEMPTS = 3;

export interface StripeGatewayOptions {
  /** the store's public origin, for the success and cancel links */
  origin: string;
}

function positiveFen(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(
      `refusing to send ${what} = ${value} to Stripe: amounts are positive integers of fen`,
    );
  }
  return value;
}

/** The Checkout Session for an order: its lines at the prices frozen on the order, plus shipping. */
export async function sessionParams(
  db: DB,
  orderId: number,
  options: StripeGatewayOptions & { expiresAt: Date; accessToken?: string },
): Promise<Stripe.Checkout.SessionCreateParams> {
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "shipping_fen", "total_fen", "locale", "email"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom("order_lines")
    .select([
      "product_name_zh",
      "product_name_en",
      "unit_zh",
      "unit_en",
      "unit_price_fen",
      "quantity",
      "line_total_fen",
    ])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  const en = order.locale === "en";
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = lines.map((l) => ({
    quantity: positiveFen(l.quantity, "quantity"),
    price_data: {
      currency: "cny",
      unit_amount: positiveFen(l.unit_price_fen, "unit_amount"),
      product_data: {
        name: `${en ? l.product_name_en : l.product_name_zh} (${en ? l.unit_en : l.unit_zh})`,
      },
    },
  }));
  if (order.shipping_fen > 0) {
    lineItems.push({
      quantity: 1,
      price_data: {
        currency: "cny",
        unit_amount: positiveFen(order.shipping_fen, "shipping"),
        product_data: { name: en ? "Shipping" : "运费" },
      },
    });
  }
  const sum = lineItems.reduce(
    (s, i) => s + (i.price_data?.unit_amount ?? 0) * (i.quantity ?? 0),
    0,
  );
  if (sum !== order.total_fen)
    throw new Error(`order ${order.number}: lines add up to ${sum}, total is ${order.total_fen}`);
  const back = `${options.origin}/orders/${order.number}`;
  const metadata = { order_id: String(order.id), order_number: order.number };
  return {
    mode: "payment",
    currency: "cny",
    line_items: lineItems,
    allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
    payment_method_options: { wechat_pay: { client: "web" } },
    client_reference_id: String(order.id),
    metadata,
    payment_intent_data: { metadata },
    expires_at: Math.floor(options.expiresAt.getTime() / 1000),
    success_url: `${back}?paid=1${options.accessToken ? `&t=${options.accessToken}` : ""}`,
    cancel_url: `${back}?cancelled=1${options.accessToken ? `&t=${options.accessToken}` : ""}`,
    ...(order.email ? { customer_email: order.email } : {}),
    locale: en ? "en" : "zh",
  };
}

/** The open session, if Stripe still has it open; a session that ended is marked as ended. */
async function reuseOpenSession(
  db: DB,
  stripe: Stripe,
  order: PayableOrder,
  now: Date,
): Promise<StartedPayment | null> {
  const open = await db
    .selectFrom("payments")
    .select(["id", "attempt", "external_url"])
    .where("order_id", "=", order.id)
    .where("gateway", "=", "stripe")
    .where("status", "=", "open")
    .orderBy("attempt", "desc")
    .executeTakeFirst();
  if (!open) return null;
  const session = await stripe.checkout.sessions.retrieve(open.id);
  if (session.status === "open" && session.url)
    return { paymentId: session.id, redirectUrl: session.url };
  await db
    .updateTable("payments")
    .set({
      status: session.status === "complete" ? "succeeded" : "expired",
      updated_at: now.toISOString(),
    })
    .where("id", "=", open.id)
    .execute();
  if (session.status === "complete") throw new DomainError("order.notPayable", 409);
  return null;
}

/** When the new session expires: the order's expiry, moved to Stripe's minimum if sooner. */
async function sessionExpiry(db: DB, order: PayableOrder, now: Date): Promise<Date> {
  const row = await db
    .selectFrom("orders")
    .select(["status", "expires_at"])
    .where("id", "=", order.id)
    .executeTakeFirstOrThrow();
  if (row.status !== "pending_payment") throw new DomainError("order.notPayable", 409);
  const earliest = new Date(now.getTime() + MIN_SESSION_MINUTES * 60_000);
  const expiresAt = new Date(row.expires_at);
  if (expiresAt >= earliest) return expiresAt;
  // keep the stock reserved exactly as long as the shopper can still pay
  await db
    .updateTable("orders")
    .set({ expires_at: earliest.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", order.id)
    .where("status", "=", "pending_payment")
    .execute();
  return earliest;
}

async function nextAttempt(db: DB, orderId: number): Promise<number> {
  const last = await db
    .selectFrom("payments")
    .select((eb) => eb.fn.max<number>("attempt").as("attempt"))
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  return (last?.attempt ?? 0) + 1;
}

/** Creates the session under the attempt's idempotency key and records it as open. */
async function createSession(
  db: DB,
  stripe: Stripe,
  order: PayableOrder,
  params: Stripe.Checkout.SessionCreateParams,
  now: Date,
): Promise<StartedPayment> {
  const firstAttempt = await nextAttempt(db, order.id);
  for (let attempt = firstAttempt; ; attempt++) {
    let session: Stripe.Checkout.Session;
    try {
      session = await stripe.checkout.sessions.create(params, {
        idempotencyKey: `shanhai-${order.number}-attempt-${attempt}`,
      });
    } catch (error) {
      // Stripe already made a session under this key with other parameters (an earlier
      // expiry): the store died between Stripe's answer and the insert below, so nobody
      // holds that session's link and it will expire unpaid. Take the next attempt.
      if (
        !(error instanceof Stripe.errors.StripeIdempotencyError) ||
        attempt - firstAttempt >= MAX_ORPHANED_ATTEMPTS
      )
        throw error;
      continue;
    }
    if (!session.url)
      throw new Error(`Stripe returned a session without a url for order ${order.number}`);
    await db
      .insertInto("payments")
      .values({
        id: session.id,
        order_id: order.id,
        gateway: "stripe",
        status: "open",
        amount_fen: order.totalFen,
        attempt,
        external_url: session.url,
        updated_at: now.toISOString(),
      })
      .execute();
    return { paymentId: session.id, redirectUrl: session.url };
  }
}

/** The Checkout Session that took the order's money (the newest, should there be two). */
export async function capturedStripeSession(db: DB, orderId: number): Promise<string | null> {
  const payment = await db
    .selectFrom("payments")
    .select("id")
    .where("order_id", "=", orderId)
    .where("gateway", "=", "stripe")
    .where("status", "=", "succeeded")
    .orderBy("attempt", "desc")
    .executeTakeFirst();
  return payment?.id ?? null;
}

export function paymentIntentId(session: Stripe.Checkout.Session): string | undefined {
  return typeof session.payment_intent === "string"
    ? session.payment_intent
    : session.payment_intent?.id;
}

async function refundStripePayment(
  db: DB,
  stripe: Stripe,
  request: RefundRequest,
): Promise<StartedRefund> {
  const sessionId = await capturedStripeSession(db, request.orderId);
  if (!sessionId) throw new RefundDeclinedError("no captured Stripe payment for this order");
  try {
    const intent = paymentIntentId(await stripe.checkout.sessions.retrieve(sessionId));
    if (!intent) throw new RefundDeclinedError("the Checkout Session has no payment intent");
    const refund = await stripe.refunds.create(
      {
        payment_intent: intent,
        amount: positiveFen(request.amountFen, "refund amount"),
        metadata: { refund_id: String(request.refundId), order_id: String(request.orderId) },
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return { gatewayRefundId: refund.id };
  } catch (error) {
    // Stripe said no (already refunded, amount too large…): nothing moved.
    if (error instanceof Stripe.errors.StripeInvalidRequestError)
      throw new RefundDeclinedError(error.message);
    throw error;
  }
}

/**
 * Stripe Checkout. A new attempt reuses the open session if there is one; once a session
 * has expired a new attempt starts with its own idempotency key. The order's expiry and the
 * session's are the same moment (extended if needed to Stripe's 30-minute minimum).
 */
export function createStripeGateway(stripe: Stripe, options: StripeGatewayOptions): PaymentGateway {
  return {
    name: "stripe",
    async startPayment(db: DB, order: PayableOrder, now = new Date()): Promise<StartedPayment> {
      const reused = await reuseOpenSession(db, stripe, order, now);
      if (reused) return reused;
      const expiresAt = await sessionExpiry(db, order, now);
      const params = await sessionParams(db, order.id, { ...options, expiresAt });
      return createSession(db, stripe, order, params, now);
    },
    refund: (db: DB, request: RefundRequest) => refundStripePayment(db, stripe, request),
  };
}
