// Lost webhooks, against the real SDK and the loopback fake: Stripe settles sessions and
// refunds but no webhook is delivered. One reconciliation pass must bring the store level
// with Stripe (orders paid or expired, the ledger right), a second pass must change
// nothing, and the real webhooks arriving late must change nothing either.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb, scriptEnv } from "#tests/db";
import { onPostgresSuite } from "#tests/pg";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { asStripeEvent, FakeStripe } from "#tests/fakes/stripe-api";
import { captureLog } from "#tests/log";
import { checkLedger } from "../aid/ledger-check.server";
import { refundableLines } from "../orders/refund-lines.server";
import { requestRefund } from "../orders/refunds.server";
import { expireStaleOrders } from "../orders/expiry.server";
import {
  formatReconcileReport,
  reconcileStripe,
  scheduleStripeReconcile,
  type ReconcileOptions,
} from "./reconcile.server";
import { createStripeGateway } from "./stripe-gateway.server";
import { handleStripeEvent } from "./stripe-webhook.server";

const fake = new FakeStripe();
let stripe: Stripe;
let gateway: ReturnType<typeof createStripeGateway>;
beforeAll(async () => {
  await fake.start();
  stripe = new Stripe("sk_test_reconcile", fake.clientOptions());
  gateway = createStripeGateway(stripe, { origin: "http://shop.test" });
});
afterAll(() => fake.stop());

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let yak: number;
let milk: number;
const STOCK = 100;
beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  const { datong, huangzhong } = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: datong, priceFen: 12800, stock: STOCK });
  milk = await createProduct(db, { cooperativeId: huangzhong, priceFen: 1580, stock: STOCK });
});
afterEach(() => cleanup());

// One clock per test, so a pass and a late webhook "at minute 11" are the same instant.
let base = Date.now();
beforeEach(() => void (base = Date.now()));
const minutes = (n: number) => new Date(base + n * 60_000);
const errors: string[] = [];
const quiet = { error: (message: string) => void errors.push(message) };

/** One pass as the timer runs it, as if `at` minutes had passed (threshold 10 minutes). */
const pass = (at = 11, options: Partial<ReconcileOptions> = {}) =>
  reconcileStripe(db, stripe, {
    afterMinutes: 10,
    now: minutes(at),
    gapMs: 0,
    log: quiet,
    ...options,
  });

/** An order with a Checkout Session open at the fake, as checkout leaves it. */
async function place(items: Array<[number, number]> = [[yak, 1]]) {
  const order = await createOrder(
    db,
    items.map(([productId, quantity]) => ({ productId, quantity })),
  );
  const { paymentId } = await gateway.startPayment(db, {
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
  });
  return { ...order, sessionId: paymentId };
}

/** Delivers, late, every event the fake emitted about an object, as the webhook route does. */
async function deliverLate(objectId: string, now: Date) {
  const outcomes = [];
  for (const event of fake.eventsFor(objectId))
    outcomes.push(await handleStripeEvent(db, asStripeEvent(event), now));
  return outcomes;
}

const orderRow = (id: number) =>
  db
    .selectFrom("orders")
    .select(["status", "paid_at", "expires_at", "stock_released"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;
const paymentStatus = async (id: string) =>
  (await db.selectFrom("payments").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;
const sessionGets = (id: string) =>
  fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/checkout/sessions/${id}`)
    .length;

/** Everything a reconciliation or a webhook could change, to compare before and after. */
async function snapshot() {
  return {
    orders: await db
      .selectFrom("orders")
      .select(["id", "status", "paid_at", "expires_at", "closed_at", "stock_released"])
      .orderBy("id")
      .execute(),
    payments: await db.selectFrom("payments").select(["id", "status"]).orderBy("id").execute(),
    refunds: await db
      .selectFrom("refunds")
      .select(["id", "status", "confirmed_at", "failure_reason", "gateway_refund_id"])
      .orderBy("id")
      .execute(),
    ledger: await db
      .selectFrom("aid_ledger")
      .select(["order_id", "refund_id", "amount_fen"])
      .orderBy("id")
      .execute(),
    stock: await db.selectFrom("products").select(["id", "stock"]).orderBy("id").execute(),
    shipments: await db.selectFrom("shipments").select(["id", "status"]).orderBy("id").execute(),
  };
}

describe("sessions whose webhooks never came", () => {
  it("pays, expires and holds orders in one pass; a second pass and the late webhooks change nothing", async () => {
    const paid = await place([
      [yak, 1],
      [milk, 2],
    ]);
    const expired = await place([[milk, 3]]);
    const awaiting = await place([[milk, 1]]);
    const open = await place([[yak, 2]]);
    fake.complete(paid.sessionId);
    fake.expire(expired.sessionId);
    fake.complete(awaiting.sessionId, "unpaid");

    // too young: webhooks normally take seconds, so nothing is asked yet
    const early = await pass(5);
    expect(early.checked).toBe(0);
    expect(sessionGets(paid.sessionId)).toBe(0);

    const first = await pass();
    expect(first.errors).toEqual([]);
    expect(first.checked).toBe(4);
    expect(first.waiting).toBe(1);
    expect(first.applied.map((i) => [i.id, i.fact, i.outcome]).sort()).toEqual(
      [
        [paid.sessionId, "paid", "applied"],
        [expired.sessionId, "expired", "applied"],
        [awaiting.sessionId, "processing", "applied"],
      ].sort(),
    );
    expect(await orderRow(paid.id)).toMatchObject({ status: "paid" });
    expect(await orderRow(expired.id)).toMatchObject({ status: "expired", stock_released: 1 });
    const held = await orderRow(awaiting.id);
    expect(held.status).toBe("pending_payment");
    expect(new Date(held.expires_at).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    expect(await orderRow(open.id)).toMatchObject({ status: "pending_payment" });
    expect(await stockOf(milk)).toBe(STOCK - 2 - 1); // the expired order's 3 are back
    expect(await stockOf(yak)).toBe(STOCK - 1 - 2);
    const ledger = await db
      .selectFrom("aid_ledger")
      .select("amount_fen")
      .where("order_id", "=", paid.id)
      .execute();
    expect(ledger.map((l) => l.amount_fen).sort((a, b) => a - b)).toEqual([3160, 12800]);
    const shipments = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", paid.id)
      .execute();
    expect(shipments).toHaveLength(2);
    expect((await checkLedger(db)).ok).toBe(true);
    const logged = await db
      .selectFrom("payment_events")
      .select(["id", "outcome"])
      .where("id", "like", "reconcile:%")
      .orderBy("id")
      .execute();
    expect(logged.map((e) => e.id).sort()).toEqual(
      [
        `reconcile:${paid.sessionId}:paid`,
        `reconcile:${expired.sessionId}:expired`,
        `reconcile:${awaiting.sessionId}:processing`,
      ].sort(),
    );
    expect(formatReconcileReport(first)).toMatch(
      new RegExp(
        `applied payment ${paid.sessionId} \\(order ${paid.number}\\): Stripe says paid → applied`,
      ),
    );

    // a second pass: the settled ones are not asked again, the rest have nothing new
    const before = await snapshot();
    const gets = sessionGets(paid.sessionId);
    const second = await pass(12);
    expect(second.applied).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.waiting).toBe(2); // the open session and the one still processing
    expect(sessionGets(paid.sessionId)).toBe(gets);
    expect(await snapshot()).toEqual(before);

    // the real webhooks turn up at last: recorded, and nothing moves
    const lateAt = minutes(11);
    expect(await deliverLate(paid.sessionId, lateAt)).toEqual(["ignored"]);
    expect(await deliverLate(expired.sessionId, lateAt)).toEqual(["ignored"]);
    await deliverLate(awaiting.sessionId, lateAt);
    expect(await snapshot()).toEqual(before);
    expect((await checkLedger(db)).ok).toBe(true);

    // the asynchronous payment settles, its webhook lost too: the next pass pays the order
    fake.settleAsync(awaiting.sessionId, "succeeded");
    const third = await pass(13);
    expect(third.applied.map((i) => [i.id, i.fact, i.outcome])).toEqual([
      [awaiting.sessionId, "paid", "applied"],
    ]);
    expect(await orderRow(awaiting.id)).toMatchObject({ status: "paid" });
    // completed(unpaid) was delivered above; async_payment_succeeded finds the order paid
    expect(await deliverLate(awaiting.sessionId, minutes(13))).toEqual(["duplicate", "ignored"]);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it("a failed asynchronous payment leaves the order waiting, the attempt failed", async () => {
    const order = await place([[milk, 2]]);
    fake.complete(order.sessionId, "unpaid");
    fake.settleAsync(order.sessionId, "failed");
    const report = await pass();
    expect(report.applied.map((i) => [i.fact, i.outcome])).toEqual([["failed", "applied"]]);
    expect(await orderRow(order.id)).toMatchObject({ status: "pending_payment" });
    expect(await paymentStatus(order.sessionId)).toBe("failed");
    expect((await pass(12)).checked).toBe(0);
    const before = await snapshot();
    // completed(unpaid) would hold the stock 72 h more, but the attempt has already failed
    expect(await deliverLate(order.sessionId, minutes(12))).toEqual(["ignored", "ignored"]);
    expect(await snapshot()).toEqual(before);
  });

  it("money taken for an order the sweep had already closed brings it back, once", async () => {
    const order = await place([[yak, 3]]);
    fake.complete(order.sessionId);
    // no webhook; the order runs out its time and the sweep returns its stock
    expect(await expireStaleOrders(db, minutes(40))).toBe(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "expired", stock_released: 1 });
    expect(await stockOf(yak)).toBe(STOCK);
    // Stripe's session lives on at Stripe, so its row stays open for Stripe to settle
    expect(await paymentStatus(order.sessionId)).toBe("open");

    const report = await pass(41);
    expect(report.applied.map((i) => [i.fact, i.outcome])).toEqual([["paid", "applied"]]);
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stock_released: 0 });
    expect(await stockOf(yak)).toBe(STOCK - 3);
    expect(await paymentStatus(order.sessionId)).toBe("succeeded");
    expect((await checkLedger(db)).ok).toBe(true);
    expect((await pass(42)).checked).toBe(0);
  });

  it("a real webhook first, then the pass: the session is not even asked about", async () => {
    const order = await place();
    fake.complete(order.sessionId);
    expect(await deliverLate(order.sessionId, new Date())).toEqual(["applied"]);
    const report = await pass();
    expect(report.checked).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({ status: "paid" });
  });
});

describe("refunds whose webhooks never came", () => {
  async function paidOrder() {
    const order = await place([
      [yak, 1],
      [milk, 2],
    ]);
    fake.complete(order.sessionId);
    await deliverLate(order.sessionId, new Date());
    const lines = await refundableLines(db, order.id);
    const lineOf = (productId: number) => lines.find((l) => l.productId === productId)!;
    return { ...order, yakLine: lineOf(yak), milkLine: lineOf(milk) };
  }
  const refund = (orderId: number, orderLineId: number, quantity: number) =>
    requestRefund(
      db,
      {
        orderId,
        selection: { mode: "lines", lines: [{ orderLineId, quantity }] },
        restock: true,
        reason: "客户收到破损",
        actor: { id: null, name: "测试管理员" },
      },
      { gatewayFor: () => gateway },
    );
  const refundRow = (id: number) =>
    db
      .selectFrom("refunds")
      .select(["status", "failure_reason", "gateway_refund_id", "confirmed_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("records a succeeded refund and shows a failed one as refused; again and late, nothing", async () => {
    const order = await paidOrder();
    const { yakLine, milkLine } = order;
    const good = await refund(order.id, yakLine.id, 1);
    const bad = await refund(order.id, milkLine.id, 1);
    const slow = await refund(order.id, milkLine.id, 1);
    expect([good.status, bad.status, slow.status]).toEqual(["requested", "requested", "requested"]);
    const goodId = (await refundRow(good.refundId)).gateway_refund_id!;
    const badId = (await refundRow(bad.refundId)).gateway_refund_id!;
    fake.settleRefund(goodId, "succeeded");
    fake.settleRefund(badId, "failed", "lost_or_stolen_card");

    const report = await pass();
    expect(report.errors).toEqual([]);
    expect(report.applied.map((i) => [i.kind, i.id, i.fact, i.outcome]).sort()).toEqual(
      [
        ["refund", goodId, "succeeded", "applied"],
        ["refund", badId, "failed", "applied"],
      ].sort(),
    );
    expect(report.waiting).toBe(1); // still pending at the bank
    expect(await refundRow(good.refundId)).toMatchObject({ status: "succeeded" });
    expect(await refundRow(bad.refundId)).toMatchObject({
      status: "failed",
      failure_reason: "lost_or_stolen_card",
    });
    expect(await refundRow(slow.refundId)).toMatchObject({ status: "requested" });
    expect(await orderRow(order.id)).toMatchObject({ status: "partially_refunded" });
    const reversal = await db
      .selectFrom("aid_ledger")
      .select("amount_fen")
      .where("refund_id", "=", good.refundId)
      .execute();
    expect(reversal).toEqual([{ amount_fen: -12800 }]);
    expect(
      await db
        .selectFrom("aid_ledger")
        .select("id")
        .where("refund_id", "=", bad.refundId)
        .execute(),
    ).toEqual([]);
    expect(await stockOf(yak)).toBe(STOCK); // restocked with the refund
    expect((await checkLedger(db)).ok).toBe(true);

    const before = await snapshot();
    const second = await pass(12);
    expect(second.applied).toEqual([]);
    expect(second.waiting).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect(await deliverLate(goodId, minutes(12))).toEqual(["ignored"]);
    expect(await deliverLate(badId, minutes(12))).toEqual(["ignored", "ignored"]);
    expect(await snapshot()).toEqual(before);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it("finds a refund whose Stripe id the store never stored, and fails one Stripe never got", async () => {
    const order = await paidOrder();
    const { yakLine, milkLine } = order;
    // Stripe made the refund, but the store never wrote down its id
    const lost = await refund(order.id, yakLine.id, 1);
    const lostStripeId = (await refundRow(lost.refundId)).gateway_refund_id!;
    await db
      .updateTable("refunds")
      .set({ gateway_refund_id: null })
      .where("id", "=", lost.refundId)
      .execute();
    fake.settleRefund(lostStripeId, "succeeded");
    // the request never reached Stripe (an outage): no refund exists there
    fake.failNextRequests = 1;
    const unclear = captureLog();
    const never = await refund(order.id, milkLine.id, 2);
    unclear.restore();
    expect(unclear.entries()).toEqual([
      expect.objectContaining({
        level: "error",
        msg: expect.stringMatching(/no clear answer from stripe/),
        refundId: never.refundId,
        err: expect.objectContaining({ message: expect.any(String) }),
      }),
    ]);
    expect(never.status).toBe("requested");
    expect((await refundRow(never.refundId)).gateway_refund_id).toBeNull();
    const milkLeft = async () =>
      (await refundableLines(db, order.id)).find((l) => l.productId === milk)!.refundableQuantity;
    expect(await milkLeft()).toBe(0);

    const report = await pass();
    expect(report.errors).toEqual([]);
    expect(report.applied.map((i) => [i.id, i.fact, i.outcome]).sort()).toEqual(
      [
        [lostStripeId, "succeeded", "applied"],
        [`refund #${never.refundId}`, "missing", "applied"],
      ].sort(),
    );
    expect(await refundRow(lost.refundId)).toMatchObject({
      status: "succeeded",
      gateway_refund_id: lostStripeId,
    });
    expect(await refundRow(never.refundId)).toMatchObject({ status: "failed" });
    expect((await refundRow(never.refundId)).failure_reason).toMatch(/no record/);
    // nothing was returned, so the units may be refunded again
    expect(await milkLeft()).toBe(2);
    expect((await checkLedger(db)).ok).toBe(true);
    expect((await pass(12)).checked).toBe(0);
  });
});

describe("a bounded, fault-tolerant pass", () => {
  it("logs an unknown session and carries on; an outage ends the run, and the next one retries", async () => {
    const a = await place();
    const b = await place();
    fake.complete(a.sessionId);
    fake.complete(b.sessionId);
    // a session Stripe does not know (another account's key, say)
    await db
      .insertInto("payments")
      .values({
        id: "cs_test_gone",
        order_id: a.id,
        gateway: "stripe",
        status: "processing",
        amount_fen: a.totalFen,
        attempt: 99,
        external_url: null,
        updated_at: new Date().toISOString(),
      })
      .execute();

    fake.failNextRequests = 1;
    errors.length = 0;
    const down = await pass();
    expect(down.stopped).toBe("Stripe answered with an error");
    expect(down.checked).toBe(1);
    expect(down.errors).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(await orderRow(a.id)).toMatchObject({ status: "pending_payment" });

    const up = await pass(12);
    expect(up.stopped).toBeNull();
    expect(up.applied.map((i) => i.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect(up.errors.map((e) => e.id)).toEqual(["cs_test_gone"]);
    expect(up.errors[0]!.message).toMatch(/No such checkout.session/);
    expect(await orderRow(a.id)).toMatchObject({ status: "paid" });
    expect(await orderRow(b.id)).toMatchObject({ status: "paid" });
  });

  it("takes a page per run and the next run goes on from where it stopped", async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await place([[milk, 1]]));
    for (const o of orders) fake.complete(o.sessionId);
    const first = await pass(11, { limit: 2 });
    expect(first.checked).toBe(2);
    expect(first.cursor.payment).toBeDefined();
    const second = await pass(11, { limit: 2, cursor: first.cursor });
    expect(second.checked).toBe(2);
    const third = await pass(11, { limit: 2, cursor: second.cursor });
    expect(third.checked).toBe(1);
    expect(third.cursor.payment).toBeUndefined();
    const paid = await db.selectFrom("orders").select("id").where("status", "=", "paid").execute();
    expect(paid).toHaveLength(5);
  });

  it("spaces its calls to Stripe", async () => {
    for (let i = 0; i < 3; i++) await place([[milk, 1]]);
    const started = Date.now();
    const report = await pass(11, { gapMs: 60 });
    expect(report.checked).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 60 - 5);
  });

  it("runs on a timer that survives any error and never overlaps itself", async () => {
    const order = await place();
    fake.complete(order.sessionId);
    let asked = 0;
    let inFlight = 0;
    let most = 0;
    // a Stripe that takes 100 ms to answer, with the timer firing every 20 ms; it has only the
    // two resources reconciliation calls, so it stands in for the whole client by a cast
    const slow = {
      checkout: {
        sessions: {
          retrieve: async (...args: Parameters<Stripe["checkout"]["sessions"]["retrieve"]>) => {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, 100));
            try {
              return await stripe.checkout.sessions.retrieve(...args);
            } finally {
              inFlight--;
            }
          },
        },
      },
      refunds: stripe.refunds,
    } as unknown as Stripe;
    // the reconciler's report is an info line, which tests otherwise keep quiet; the buyer's
    // "paid" message also goes to the log (outbox): only the reconciler's lines count
    vi.stubEnv("NODE_ENV", "development");
    const log = captureLog();
    const reconcilerLines = () =>
      log.entries().filter((entry) => entry.msg.startsWith("stripe reconcile"));
    const timer = scheduleStripeReconcile(db, {
      everySeconds: 0.02,
      afterMinutes: 0,
      stripe: () => {
        asked++;
        if (asked === 1) throw new Error("STRIPE_SECRET_KEY is not set");
        return slow;
      },
    });
    try {
      // paid, and the pass has said so (on PostgreSQL another connection sees the payment
      // committed a moment before the pass returns and logs)
      for (
        let i = 0;
        i < 100 && ((await orderRow(order.id)).status !== "paid" || reconcilerLines().length < 2);
        i++
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      clearInterval(timer);
      log.restore();
      vi.unstubAllEnvs();
    }
    const logged = reconcilerLines();
    expect(await orderRow(order.id)).toMatchObject({ status: "paid" });
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(logged[0]).toMatchObject({
      msg: "stripe reconcile failed",
      err: { message: "STRIPE_SECRET_KEY is not set" },
    });
    expect(logged[1]).toMatchObject({ msg: "stripe reconcile" });
    expect(String(logged[1]?.report)).toContain(`applied payment ${order.sessionId}`);
  });
});

describe("npm run payments:reconcile", () => {
  const run = promisify(execFile);
  const root = fileURLToPath(new URL("../../..", import.meta.url));

  it("runs one pass against DATABASE_PATH and prints what it applied", async () => {
    const order = await place();
    fake.complete(order.sessionId);
    const env = {
      ...scriptEnv(file),
      PAYMENT_GATEWAY: "stripe",
      STRIPE_SECRET_KEY: "sk_test_script",
      STRIPE_WEBHOOK_SECRET: "whsec_script",
      STRIPE_API_BASE: `http://127.0.0.1:${fake.port}`,
    };
    const script = [path.join(root, "scripts/payments-reconcile.ts"), "--after", "0"];
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const { stdout } = await run(tsx, script, { cwd: root, env });
    expect(stdout).toContain(
      `applied payment ${order.sessionId} (order ${order.number}): Stripe says paid → applied`,
    );
    expect(stdout).toMatch(/asked 1: 1 applied/);
    expect(await orderRow(order.id)).toMatchObject({ status: "paid" });
    const again = await run(tsx, script, { cwd: root, env });
    expect(again.stdout).toMatch(/asked 0: 0 applied/);

    // a SQLite file that is not there is refused, not created (a PostgreSQL store has none)
    if (!onPostgresSuite) {
      await expect(
        run(tsx, script, { cwd: root, env: { ...env, DATABASE_PATH: `${file}.missing` } }),
      ).rejects.toMatchObject({ code: 2 });
    }
  });
});
