// A loopback stand-in for the parts of the Stripe API the store uses, for tests: the real
// `stripe` client talks to it through its host/port/protocol options. It keeps sessions and
// refunds, honours Idempotency-Key like Stripe (same key + same body → same answer; same
// key + other body → error), and records every request so tests can assert what was sent.
// It sends no webhooks: each change it makes (a session paid or expired, a refund settled)
// is kept in `emitted` as the event Stripe would have sent, for a test to deliver, late,
// or drop.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  raw: string;
  idempotencyKey: string | null;
}

type Json = Record<string, unknown>;

/** Parses Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Json | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      const key: string | number = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Json | unknown[];
      }
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_test_${crypto.randomBytes(10).toString("hex")}`;

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly paymentIntents = new Map<string, Json>();
  /** the events Stripe would have sent, oldest first; nothing delivers them */
  readonly emitted: Json[] = [];
  /** set to make the next refund creation fail at the API (e.g. "charge_already_refunded") */
  failNextRefund: string | null = null;
  /** the next this-many requests answer 500 (an outage at Stripe) */
  failNextRequests = 0;
  private readonly idempotent = new Map<string, { raw: string; status: number; body: Json }>();
  private server?: http.Server;
  port = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        const { status, body } = this.handle(req, raw);
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req") });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Options for `new Stripe(key, …)` pointing at this fake. */
  clientOptions() {
    return { host: "127.0.0.1", port: this.port, protocol: "http" as const, maxNetworkRetries: 0 };
  }

  private handle(req: http.IncomingMessage, raw: string): { status: number; body: Json } {
    const url = new URL(req.url ?? "/", "http://fake");
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const params = parseStripeForm(req.method === "GET" ? url.search.slice(1) : raw);
    this.requests.push({
      method: req.method ?? "",
      path: url.pathname,
      params,
      raw,
      idempotencyKey: key,
    });
    if (!req.headers.authorization?.startsWith("Bearer sk_test_")) {
      return error(401, "authentication_error", "Invalid API Key provided");
    }
    if (this.failNextRequests > 0) {
      this.failNextRequests--;
      return error(500, "api_error", "Something went wrong on Stripe's end.");
    }
    if (key && req.method === "POST") {
      const seen = this.idempotent.get(key);
      if (seen) {
        if (seen.raw !== raw) {
          return error(
            400,
            "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          );
        }
        return { status: seen.status, body: seen.body };
      }
      const answer = this.route(req.method ?? "", url.pathname, params);
      this.idempotent.set(key, { raw, ...answer });
      return answer;
    }
    return this.route(req.method ?? "", url.pathname, params);
  }

  private route(method: string, path: string, params: Json): { status: number; body: Json } {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return this.createSession(params);
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/))) {
      const s = this.sessions.get(m[1]!);
      if (!s)
        return error(404, "invalid_request_error", "No such checkout.session", "resource_missing");
      return { status: 200, body: this.expand(s, params.expand) };
    }
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)\/expire$/))) {
      const s = this.sessions.get(m[1]!);
      if (!s) return error(404, "invalid_request_error", "No such checkout.session");
      if (s.status !== "open")
        return error(400, "invalid_request_error", "Only open sessions can be expired");
      s.status = "expired";
      return { status: 200, body: s };
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(params);
    if (method === "GET" && path === "/v1/refunds") {
      const data = [...this.refunds.values()]
        .filter((r) => !params.payment_intent || r.payment_intent === params.payment_intent)
        .reverse();
      return { status: 200, body: { object: "list", data, has_more: false, url: "/v1/refunds" } };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/refunds\/([\w]+)$/))) {
      const r = this.refunds.get(m[1]!);
      return r
        ? { status: 200, body: r }
        : error(404, "invalid_request_error", "No such refund", "resource_missing");
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path})`);
  }

  private createSession(params: Json) {
    const lineItems = (params.line_items as Json[] | undefined) ?? [];
    let total = 0;
    for (const item of lineItems) {
      const price = item.price_data as Json | undefined;
      const unit = Number(price?.unit_amount);
      const qty = Number(item.quantity);
      if (!Number.isInteger(unit) || unit <= 0 || !Number.isInteger(qty) || qty <= 0) {
        return error(
          400,
          "invalid_request_error",
          "line_items need positive integer unit_amount and quantity",
        );
      }
      total += unit * qty;
    }
    const sessionId = id("cs");
    const session: Json = {
      id: sessionId,
      object: "checkout.session",
      mode: params.mode,
      currency: (lineItems[0]?.price_data as Json | undefined)?.currency ?? null,
      amount_total: total,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      expires_at: Number(params.expires_at),
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      url: `http://127.0.0.1:${this.port}/checkout/${sessionId}`,
    };
    this.sessions.set(sessionId, session);
    return { status: 200, body: session };
  }

  private createRefund(params: Json) {
    if (this.failNextRefund) {
      const code = this.failNextRefund;
      this.failNextRefund = null;
      return error(400, "invalid_request_error", `Refund refused: ${code}`, code);
    }
    const refund: Json = {
      id: id("re"),
      object: "refund",
      amount: Number(params.amount),
      payment_intent: params.payment_intent,
      metadata: params.metadata ?? {},
      status: "pending",
      currency: "cny",
    };
    this.refunds.set(refund.id as string, refund);
    return { status: 200, body: refund };
  }

  /** `expand[]=payment_intent` on a session: the intent's object in place of its id. */
  private expand(session: Json, expand: unknown): Json {
    const wanted = Array.isArray(expand) ? expand : [];
    if (!wanted.includes("payment_intent") || typeof session.payment_intent !== "string")
      return session;
    return { ...session, payment_intent: this.paymentIntents.get(session.payment_intent) ?? null };
  }

  private session(sessionId: string): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    return s;
  }

  private emit(type: string, object: Json): Json {
    const event = stripeEvent(type, object);
    this.emitted.push(event);
    return event;
  }

  /** The events emitted about one object (a session or a refund), oldest first. */
  eventsFor(objectId: string): Json[] {
    return this.emitted.filter((e) => ((e.data as Json).object as Json).id === objectId);
  }

  /** What Stripe does when the shopper pays: the session completes (paid, or awaiting an async method). */
  complete(sessionId: string, paymentStatus: "paid" | "unpaid" = "paid"): Json {
    const s = this.session(sessionId);
    const intent: Json = {
      id: id("pi"),
      object: "payment_intent",
      amount: s.amount_total,
      currency: s.currency,
      metadata: s.metadata,
      status: paymentStatus === "paid" ? "succeeded" : "processing",
    };
    this.paymentIntents.set(intent.id as string, intent);
    s.status = "complete";
    s.payment_status = paymentStatus;
    s.payment_intent = intent.id;
    this.emit("checkout.session.completed", s);
    return s;
  }

  /** An asynchronous method (Alipay, WeChat Pay, bank debit) settles: the money came, or not. */
  settleAsync(sessionId: string, outcome: "succeeded" | "failed"): Json {
    const s = this.session(sessionId);
    const intent = this.paymentIntents.get(s.payment_intent as string);
    if (s.status !== "complete" || !intent) throw new Error(`session ${sessionId} is not awaiting`);
    intent.status = outcome === "succeeded" ? "succeeded" : "requires_payment_method";
    if (outcome === "succeeded") s.payment_status = "paid";
    this.emit(`checkout.session.async_payment_${outcome}`, s);
    return s;
  }

  /** The session passes its expires_at unpaid. */
  expire(sessionId: string): Json {
    const s = this.session(sessionId);
    if (s.status !== "open") throw new Error(`session ${sessionId} is ${String(s.status)}`);
    s.status = "expired";
    this.emit("checkout.session.expired", s);
    return s;
  }

  /** The bank's answer on a pending refund. */
  settleRefund(
    refundId: string,
    status: "succeeded" | "failed" | "canceled",
    failureReason = "expired_or_canceled_card",
  ): Json {
    const r = this.refunds.get(refundId);
    if (!r) throw new Error(`no refund ${refundId}`);
    r.status = status;
    if (status === "failed") r.failure_reason = failureReason;
    this.emit("refund.updated", r);
    if (status === "failed") this.emit("refund.failed", r);
    return r;
  }

  lastRequest(path: string): RecordedRequest | undefined {
    return [...this.requests].reverse().find((r) => r.path === path);
  }
}

function error(status: number, type: string, message: string, code?: string) {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}

/**
 * An event as the store's handlers take it. The fake builds events as plain JSON with only
 * the fields Stripe's API sends that the store reads; Stripe.Event's type names dozens more
 * per event type, so the JSON is handed over as the shape it stands for.
 */
export function asStripeEvent(event: Json): Stripe.Event {
  return event as unknown as Stripe.Event;
}

/** Wraps an object as a Stripe event of the given type. */
export function stripeEvent(type: string, object: Json, eventId = id("evt")): Json {
  return {
    id: eventId,
    object: "event",
    type,
    api_version: "2026-10-28",
    created: Math.floor(Date.now() / 1000),
    data: { object: structuredClone(object) },
    livemode: false,
  };
}
