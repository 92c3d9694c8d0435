// Stripe's side of webhooks, for tests against the production server: each event is signed
// afresh for every delivery attempt (as Stripe does) and retried with backoff until the
// store answers 2xx, so events sent while the store is down arrive once it is back.
import Stripe from "stripe";

/** an event as Stripe sends it (`stripeEvent` in tests/fakes/stripe-api.ts makes them) */
type StripeEventJson = Record<string, unknown>;

export interface DeliveryLog {
  /** POSTs that reached the store and got an answer */
  answered: number;
  /** attempts that got no answer (store down or killed mid-request) */
  unanswered: number;
  /** 5xx answers; Stripe retries those, and a healthy store never gives one */
  serverErrors: string[];
  /** the store's outcome per answered delivery: applied, duplicate, ignored… */
  outcomes: Record<string, number>;
}

const signer = new Stripe("sk_test_webhook_signer");
const GIVE_UP_MS = 60_000;

export class WebhookSender {
  /** every event ever sent, by id: what a full redelivery sends again */
  readonly events = new Map<string, StripeEventJson>();
  readonly log: DeliveryLog = { answered: 0, unanswered: 0, serverErrors: [], outcomes: {} };
  inFlight = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  /** Stripe emits an event: delivered after `delayMs`, `copies` times in parallel (at-least-once). */
  send(event: StripeEventJson, options: { delayMs?: number; copies?: number } = {}): void {
    this.events.set(String(event.id), event);
    for (let i = 0; i < (options.copies ?? 1); i++)
      this.track(this.deliver(event, options.delayMs));
  }

  /** Every event sent so far, delivered once more with its own id ("Resend" in the Dashboard). */
  redeliverAll(): number {
    for (const event of this.events.values()) this.track(this.deliver(event, 0));
    return this.events.size;
  }

  /** Resolves when nothing is queued or in flight; rejects if a delivery was refused or gave up. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
    if (this.failure) throw this.failure;
  }

  private track(delivery: Promise<void>) {
    const tracked = delivery
      .catch((error: Error) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async deliver(event: StripeEventJson, delayMs = 0): Promise<void> {
    if (delayMs) await sleep(delayMs);
    const payload = JSON.stringify(event);
    const what = `${String(event.type)} ${String(event.id)}`;
    const giveUp = Date.now() + GIVE_UP_MS;
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, 1_000)) {
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: this.secret });
      this.inFlight++;
      let answer: { status: number; text: string } | null = null;
      try {
        const res = await fetch(this.url, {
          method: "POST",
          body: payload,
          headers: { "Content-Type": "application/json", "Stripe-Signature": header },
          signal: AbortSignal.timeout(30_000),
        });
        answer = { status: res.status, text: await res.text() };
      } catch {
        this.log.unanswered++;
      } finally {
        this.inFlight--;
      }
      if (answer) {
        this.log.answered++;
        if (answer.status >= 200 && answer.status < 300) {
          const outcome = String((JSON.parse(answer.text) as { outcome?: unknown }).outcome);
          this.log.outcomes[outcome] = (this.log.outcomes[outcome] ?? 0) + 1;
          return;
        }
        if (answer.status < 500) {
          throw new Error(`${what} refused with ${answer.status}: ${answer.text.slice(0, 300)}`);
        }
        this.log.serverErrors.push(`${what}: ${answer.status} ${answer.text}`);
      }
      if (Date.now() > giveUp) throw new Error(`${what}: not delivered within ${GIVE_UP_MS} ms`);
      await sleep(backoff);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
