// Lost webhooks: Stripe retries a webhook for days, but an endpoint that is down, a
// misconfigured secret or a dropped delivery can still leave an order unpaid that Stripe
// has charged, or a refund "requested" that the bank has long settled. The reconciliation
// asks Stripe about every Checkout Session and refund still unsettled past a threshold and
// feeds what Stripe says through the same handler as the webhooks (handleStripeEvent), as
// the event Stripe would have sent, under a deterministic id `reconcile:<object>:<state>`.
// The event log stores each id once and every change is forward-only, so a reconciled fact
// and the real webhook for it, whichever comes second, change nothing the second time.
import { sql } from "kysely";
import Stripe from "stripe";
import type { DB } from "#db/connection";
import { runExclusively } from "#db/exclusive";
import { log } from "~/utils/log.server";
import { applyRefundEvent } from "../orders/refund-settlement.server";
import { stripeClient } from "./stripe-client.server";
import { capturedStripeSession, paymentIntentId } from "./stripe-gateway.server";
import { handleStripeEvent } from "./stripe-webhook.server";

/** Sessions and refunds looked at per run, each. */
export const RECONCILE_PAGE = 50;
/** At least this long between two calls to Stripe (10 a second, well under its limits). */
export const RECONCILE_GAP_MS = 100;

/** Where the last full page stopped, so the next run looks at the rows after it. */
export interface ReconcileCursor {
  payment?: string;
  refund?: number;
}

export interface ReconcileOptions {
  now?: Date;
  /** only payments and refunds that have waited at least this long */
  afterMinutes: number;
  /** per kind; RECONCILE_PAGE unless told */
  limit?: number;
  /** between calls to Stripe; RECONCILE_GAP_MS unless told */
  gapMs?: number;
  cursor?: ReconcileCursor;
  log?: Pick<Console, "error">;
}

export interface ReconciledItem {
  kind: "payment" | "refund";
  /** the Checkout Session (cs_…) or the refund (re_…, or refund #n when Stripe has none) */
  id: string;
  orderNumber: string;
  /** what Stripe says; null while it has no answer yet (session open, refund pending) */
  fact: string | null;
  /** what the event handler did with it ("applied", "duplicate", "ignored", …) or "waiting" */
  outcome: string;
}

export interface ReconcileReport {
  /** sessions and refunds asked about (answered or not) */
  checked: number;
  /** every session and refund asked about that Stripe has an answer for */
  settled: ReconciledItem[];
  /** the ones whose answer went through the event handler for the first time in this run */
  applied: ReconciledItem[];
  /** still open or pending at Stripe: asked again next run */
  waiting: number;
  errors: Array<{ kind: "payment" | "refund"; id: string; message: string }>;
  /** why the run ended before its page was done (Stripe down, rate limited, bad key) */
  stopped: string | null;
  /** for the next run */
  cursor: ReconcileCursor;
}

/** Not new: already applied by an earlier run, or no answer from Stripe yet. */
const NOTHING_NEW = new Set(["duplicate", "waiting"]);

type SessionFact = "paid" | "processing" | "failed" | "expired";

type SessionEventType = Extract<
  Stripe.Event["type"],
  | "checkout.session.completed"
  | "checkout.session.expired"
  | "checkout.session.async_payment_failed"
>;

/**
 * What a Checkout Session's state means, as the webhook Stripe would have sent for it; null
 * while it is open (the shopper may still pay). A completed session with an unpaid
 * asynchronous method is told apart by its payment intent: still processing, or failed.
 */
export function sessionFact(
  session: Stripe.Checkout.Session,
): { fact: SessionFact; type: SessionEventType } | null {
  if (session.status === "expired") return { fact: "expired", type: "checkout.session.expired" };
  if (session.status !== "complete") return null;
  if (session.payment_status === "paid")
    return { fact: "paid", type: "checkout.session.completed" };
  if (session.payment_status !== "unpaid") return null;
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  if (intent?.status === "requires_payment_method" || intent?.status === "canceled")
    return { fact: "failed", type: "checkout.session.async_payment_failed" };
  return { fact: "processing", type: "checkout.session.completed" };
}

/** The envelope of the event Stripe would have sent, under an id that names the object and its state. */
function syntheticEnvelope(id: string, now: Date) {
  return {
    id,
    object: "event" as const,
    api_version: null,
    created: Math.floor(now.getTime() / 1000),
    livemode: false,
    pending_webhooks: 0,
    request: null,
  };
}

function syntheticSessionEvent(
  id: string,
  type: SessionEventType,
  session: Stripe.Checkout.Session,
  now: Date,
): Stripe.Event {
  return { ...syntheticEnvelope(id, now), type, data: { object: session } };
}

function syntheticRefundEvent(id: string, refund: Stripe.Refund, now: Date): Stripe.Event {
  return { ...syntheticEnvelope(id, now), type: "refund.updated", data: { object: refund } };
}

const PAYMENT_STATUS: Partial<Record<SessionFact, "succeeded" | "expired" | "failed">> = {
  paid: "succeeded",
  expired: "expired",
  failed: "failed",
};

/**
 * Asks Stripe about one Checkout Session and applies what it says. Also used by the page
 * Stripe sends the shopper back to.
 */
export async function reconcileSession(
  db: DB,
  stripe: Stripe,
  sessionId: string,
  now = new Date(),
): Promise<{ fact: SessionFact | null; outcome: string }> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, {
    expand: ["payment_intent"],
  });
  const found = sessionFact(session);
  if (!found) return { fact: null, outcome: "waiting" };
  if (found.fact === "processing") {
    // the store already knows the money is on its way: nothing to add until it settles
    const row = await db
      .selectFrom("payments")
      .select("status")
      .where("id", "=", session.id)
      .executeTakeFirst();
    if (row?.status === "processing") return { fact: null, outcome: "waiting" };
  }
  const intent = session.payment_intent;
  const object = {
    ...session,
    payment_intent: intent && typeof intent === "object" ? intent.id : intent,
  };
  const outcome = await handleStripeEvent(
    db,
    syntheticSessionEvent(`reconcile:${session.id}:${found.fact}`, found.type, object, now),
    now,
  );
  // The handler leaves the payment row alone when the order had already moved on (paid by
  // another path, closed): the row still says what Stripe says, so it is not asked again.
  const settled = PAYMENT_STATUS[found.fact];
  if (settled) {
    await db
      .updateTable("payments")
      .set({ status: settled, updated_at: now.toISOString() })
      .where("id", "=", session.id)
      .where("status", "in", ["open", "processing"])
      .execute();
  }
  return { fact: found.fact, outcome };
}

/** A refund whose id the store never learned: looked up by its payment intent and metadata. */
async function findRefund(
  db: DB,
  stripe: Stripe,
  refund: { id: number; order_id: number },
): Promise<Stripe.Refund | "no_payment" | null> {
  const sessionId = await capturedStripeSession(db, refund.order_id);
  if (!sessionId) return "no_payment";
  const intent = paymentIntentId(await stripe.checkout.sessions.retrieve(sessionId));
  if (!intent) return "no_payment";
  for await (const candidate of stripe.refunds.list({ payment_intent: intent, limit: 100 })) {
    if (candidate.metadata?.refund_id === String(refund.id)) return candidate;
  }
  return null;
}

/**
 * Asks Stripe about one refund still `requested` and applies what it says. A refund Stripe
 * has no record of (the request never reached it) is marked failed: nothing was returned,
 * and the admin may ask again.
 */
export async function reconcileRefund(
  db: DB,
  stripe: Stripe,
  row: { id: number; order_id: number; gateway_refund_id: string | null },
  now = new Date(),
): Promise<{ id: string; fact: string | null; outcome: string }> {
  const refund = row.gateway_refund_id
    ? await stripe.refunds.retrieve(row.gateway_refund_id)
    : await findRefund(db, stripe, row);
  if (refund === null || refund === "no_payment") {
    const outcome = await applyRefundEvent(
      db,
      {
        eventId: `reconcile:refund_${row.id}:missing`,
        gateway: "stripe",
        refundId: row.id,
        status: "failed",
        failureReason: "Stripe has no record of this refund: nothing was returned",
        payload: { reconciled: true, missing: refund ?? "refund" },
      },
      now,
    );
    return { id: `refund #${row.id}`, fact: "missing", outcome };
  }
  const settled =
    refund.status === "succeeded" || refund.status === "failed" || refund.status === "canceled";
  if (!settled) return { id: refund.id, fact: null, outcome: "waiting" };
  const object = { ...refund, metadata: { ...refund.metadata, refund_id: String(row.id) } };
  const outcome = await handleStripeEvent(
    db,
    syntheticRefundEvent(`reconcile:${refund.id}:${refund.status}`, object, now),
    now,
  );
  return { id: refund.id, fact: refund.status, outcome };
}

/** Errors after which asking Stripe about the rest of the page is pointless this run. */
function stopsTheRun(error: unknown): string | null {
  if (error instanceof Stripe.errors.StripeRateLimitError) return "rate limited by Stripe";
  if (error instanceof Stripe.errors.StripeConnectionError) return "Stripe unreachable";
  if (error instanceof Stripe.errors.StripeAuthenticationError) return "Stripe refused the key";
  if (error instanceof Stripe.errors.StripePermissionError) return "Stripe refused the key";
  if (error instanceof Stripe.errors.StripeAPIError) return "Stripe answered with an error";
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The report being written by one pass, and the pacing of its calls to Stripe. */
class ReconcileRun {
  readonly report: ReconcileReport = {
    checked: 0,
    settled: [],
    applied: [],
    waiting: 0,
    errors: [],
    stopped: null,
    cursor: {},
  };
  private calls = 0;

  constructor(
    readonly db: DB,
    readonly stripe: Stripe,
    readonly now: Date,
    private readonly gapMs: number,
    private readonly log: Pick<Console, "error">,
  ) {}

  async pace(): Promise<void> {
    if (this.calls++ > 0 && this.gapMs > 0) await sleep(this.gapMs);
  }

  note(item: ReconciledItem): void {
    this.report.checked++;
    if (item.fact === null) this.report.waiting++;
    else this.report.settled.push(item);
    if (!NOTHING_NEW.has(item.outcome)) this.report.applied.push(item);
  }

  failed(kind: "payment" | "refund", id: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.report.checked++;
    this.report.errors.push({ kind, id, message });
    this.log.error(`stripe reconcile: ${kind} ${id}: ${message}`);
    this.report.stopped = stopsTheRun(error);
  }

  /** Where the next run starts: the same place after a stop, after this page if it was full. */
  nextCursor<Id>(start: Id | undefined, page: Array<{ id: Id }>, limit: number): Id | undefined {
    if (this.report.stopped) return start;
    return page.length === limit ? page.at(-1)!.id : undefined;
  }
}

interface PageQuery<Id> {
  cutoff: string;
  after: Id | undefined;
  limit: number;
}

async function reconcilePayments(run: ReconcileRun, page: PageQuery<string>): Promise<void> {
  const payments = await run.db
    .selectFrom("payments as p")
    .innerJoin("orders as o", "o.id", "p.order_id")
    .select(["p.id", "o.number"])
    .where("p.gateway", "=", "stripe")
    // literal, not bound, so SQLite can use the partial index payments_unsettled
    .where(sql<boolean>`p.status in ('open', 'processing')`)
    .where("p.created_at", "<=", page.cutoff)
    .$if(page.after !== undefined, (q) => q.where("p.id", ">", page.after!))
    .orderBy("p.id")
    .limit(page.limit)
    .execute();
  for (const payment of payments) {
    await run.pace();
    try {
      const { fact, outcome } = await reconcileSession(run.db, run.stripe, payment.id, run.now);
      run.note({ kind: "payment", id: payment.id, orderNumber: payment.number, fact, outcome });
    } catch (error) {
      run.failed("payment", payment.id, error);
      if (run.report.stopped) break;
    }
  }
  run.report.cursor.payment = run.nextCursor(page.after, payments, page.limit);
}

async function reconcileRefunds(run: ReconcileRun, page: PageQuery<number>): Promise<void> {
  const refunds = await run.db
    .selectFrom("refunds as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select(["r.id", "r.order_id", "r.gateway_refund_id", "o.number"])
    .where("r.gateway", "=", "stripe")
    .where(sql<boolean>`r.status = 'requested'`) // the partial index refunds_requested
    .where("r.requested_at", "<=", page.cutoff)
    .$if(page.after !== undefined, (q) => q.where("r.id", ">", page.after!))
    .orderBy("r.id")
    .limit(page.limit)
    .execute();
  for (const refund of refunds) {
    await run.pace();
    try {
      const { id, fact, outcome } = await reconcileRefund(run.db, run.stripe, refund, run.now);
      run.note({ kind: "refund", id, orderNumber: refund.number, fact, outcome });
    } catch (error) {
      run.failed("refund", refund.gateway_refund_id ?? `refund #${refund.id}`, error);
      if (run.report.stopped) break;
    }
  }
  run.report.cursor.refund = run.nextCursor(page.after, refunds, page.limit);
}

/**
 * One pass: a page of Stripe payments (open or processing) and a page of Stripe refunds
 * (requested) that have waited past `afterMinutes`, each asked about once, calls spaced
 * `gapMs` apart. An error on one is logged and it is asked again next run; an outage or a
 * rate limit ends the run early, and the next one starts again from the same place.
 */
export async function reconcileStripe(
  db: DB,
  stripe: Stripe,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? RECONCILE_PAGE;
  const cutoff = new Date(now.getTime() - options.afterMinutes * 60_000).toISOString();
  const start = options.cursor ?? {};
  const run = new ReconcileRun(
    db,
    stripe,
    now,
    options.gapMs ?? RECONCILE_GAP_MS,
    options.log ?? console,
  );
  await reconcilePayments(run, { cutoff, after: start.payment, limit });
  if (run.report.stopped) run.report.cursor.refund = start.refund;
  else await reconcileRefunds(run, { cutoff, after: start.refund, limit });
  return run.report;
}

/** One line per settled item, then a summary: what `npm run payments:reconcile` prints. */
export function formatReconcileReport(report: ReconcileReport): string {
  const lines = report.settled.map(
    (i) =>
      `${NOTHING_NEW.has(i.outcome) ? "known  " : "applied"} ${i.kind} ${i.id} (order ${i.orderNumber}): Stripe says ${i.fact} → ${i.outcome}`,
  );
  for (const e of report.errors) lines.push(`error   ${e.kind} ${e.id}: ${e.message}`);
  lines.push(
    `asked ${report.checked}: ${report.applied.length} applied, ${report.settled.length - report.applied.length} already settled, ${report.waiting} still open or pending at Stripe, ${report.errors.length} errors` +
      (report.stopped ? ` (stopped early: ${report.stopped})` : ""),
  );
  return lines.join("\n");
}

/**
 * The server's timer (PAYMENT_GATEWAY=stripe): one pass every `everySeconds`, never two at
 * once, each page after the last. Whatever goes wrong is logged; the server carries on.
 */
export function scheduleStripeReconcile(
  db: DB,
  options: { everySeconds: number; afterMinutes: number; stripe?: () => Stripe },
): NodeJS.Timeout {
  let cursor: ReconcileCursor = {};
  let running = false;
  const stripe = options.stripe ?? stripeClient;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // every server of a fleet has the timer; one at a time asks Stripe (db/exclusive.ts)
      const pass = await runExclusively(db, "stripe-reconcile", () =>
        reconcileStripe(db, stripe(), { afterMinutes: options.afterMinutes, cursor }),
      );
      if (!pass.ran) return;
      const report = pass.result;
      cursor = report.cursor;
      if (report.applied.length || report.errors.length)
        log.info("stripe reconcile", { report: formatReconcileReport(report) });
    } catch (error) {
      log.error("stripe reconcile failed", error);
    } finally {
      running = false;
    }
  };
  return setInterval(() => void run(), options.everySeconds * 1000).unref();
}

/**
 * The page Stripe sends the shopper back to, while the order still waits: ask Stripe once
 * about the order's newest open session, so a late webhook does not keep a paid order
 * showing unpaid. Errors leave the page as it was (the webhook or the timer will settle it).
 * Returns whether anything changed.
 */
export async function confirmStripeReturn(
  db: DB,
  orderId: number,
  stripe: () => Stripe = stripeClient,
  now = new Date(),
): Promise<boolean> {
  const payment = await db
    .selectFrom("payments")
    .select("id")
    .where("order_id", "=", orderId)
    .where("gateway", "=", "stripe")
    .where("status", "in", ["open", "processing"])
    .orderBy("attempt", "desc")
    .executeTakeFirst();
  if (!payment) return false;
  try {
    const { outcome } = await reconcileSession(db, stripe(), payment.id, now);
    return !NOTHING_NEW.has(outcome);
  } catch (error) {
    log.error(`stripe return: session ${payment.id}`, error, { paymentId: payment.id });
    return false;
  }
}
