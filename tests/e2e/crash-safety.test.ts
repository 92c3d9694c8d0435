// Crash safety (issue 9): 200 shoppers without browsers race for 50 boxes of strawberries on
// the production server while Stripe's signed webhooks arrive (late, twice, out of order);
// the store is killed with SIGKILL mid-run, restarted on the same SQLite file, every webhook
// is delivered again and the shoppers finish. Then, from the file: exactly 50 boxes sold,
// no order both paid and closed, every paid order in the aid ledger, `ledger:check` green.
//
// Each gateway is a process setting (PAYMENT_GATEWAY), so the store runs as two processes on
// one database file, as it would behind a load balancer: one takes demo payments, the other
// Stripe Checkout against the loopback fake. Both are killed at the same moment, as a host
// crash would, which also puts two writers' interrupted work into one WAL.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "#db/connection";
import { FakeStripe, stripeEvent } from "#tests/fakes/stripe-api";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { expireStaleOrders } from "~/domain/orders/expiry.server";
import { productRow, readDb, writeDb } from "./helpers";
import { ROOT, startServer, type StoreServer } from "./server";
import { Shopper, StoreUnreachable, Traffic, type Answer } from "./shopper";
import { WebhookSender } from "./webhook-sender";

const BUYERS = 200;
const STOCK = 50;
const SLUG = "plateau-strawberries";
const WEBHOOK_SECRET = "whsec_crash_safety_test";
/** kill once this many orders are placed and this many payments confirmed */
const KILL_AFTER = { placed: 30, paid: 12 };

type Gateway = "demo" | "stripe";
type Ending = "pay" | "doubleClick" | "async" | "payAgain" | "walkAway" | "cancel";

interface Buyer {
  n: number;
  gateway: Gateway;
  quantity: number;
  ending: Ending;
  shopper: Shopper;
  /** orders this buyer was told about (number, and the Checkout Session for Stripe) */
  orders: Array<{ number: string; sessionId: string | null }>;
  outcome: "paid" | "walkedAway" | "cancelled" | "soldOut" | null;
  /** orders placed whose answer was lost with the server: the buyer never learnt their number */
  lostOrders: number;
}

// A mix that walks every payment path: most pay, some twice at once, some asynchronously
// (Alipay/WeChat Pay settle later), some press "pay" again, some walk away, some cancel.
const DEMO_ENDINGS: Ending[] = [
  "pay",
  "pay",
  "doubleClick",
  "pay",
  "walkAway",
  "pay",
  "pay",
  "cancel",
  "pay",
  "doubleClick",
];
const STRIPE_ENDINGS: Ending[] = [
  "pay",
  "async",
  "pay",
  "payAgain",
  "walkAway",
  "pay",
  "pay",
  "cancel",
  "pay",
  "async",
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
const think = () => sleep(between(20, 250));

describe("crash safety: SIGKILL in the middle of a sale", () => {
  let demo: StoreServer;
  let stripe: StoreServer;
  let fake: FakeStripe;
  let webhooks: WebhookSender;
  let productId: number;
  const traffic = new Traffic();
  const progress = { placed: 0, demoPaid: 0 };

  beforeAll(async () => {
    fake = await new FakeStripe().start();
    demo = await startServer();
    writeDb(demo.dbFile, (db) =>
      db.prepare("update products set stock = ? where slug = ?").run(STOCK, SLUG),
    );
    stripe = await startServer(
      {
        PAYMENT_GATEWAY: "stripe",
        STRIPE_SECRET_KEY: "sk_test_crash_safety",
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: `http://127.0.0.1:${fake.port}`,
      },
      { dbFile: demo.dbFile },
    );
    webhooks = new WebhookSender(`${stripe.baseUrl}/webhooks/stripe`, WEBHOOK_SECRET);
    productId = productRow(demo.dbFile, SLUG).id;
  });
  afterAll(async () => {
    await stripe?.stop();
    await demo?.stop();
    await fake?.stop();
  });

  // ── one shopper's steps ─────────────────────────────────────────

  /** Runs a request; if the store is unreachable, waits until it is back and says "cut". */
  async function step(b: Buyer, request: () => Promise<Answer>): Promise<Answer | "cut"> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof StoreUnreachable)) throw error;
      await b.shopper.waitForStore();
      return "cut";
    }
  }

  function unexpected(b: Buyer, what: string, answer: Answer): Error {
    return new Error(
      `buyer ${b.n} (${b.gateway}): ${what} answered ${answer.status} ${JSON.stringify(answer.data).slice(0, 300)}`,
    );
  }

  const errorOf = (answer: Answer) =>
    (answer.data as { error?: string; formError?: string } | null)?.error ??
    (answer.data as { formError?: string } | null)?.formError;

  async function cartQuantity(b: Buyer): Promise<number> {
    for (;;) {
      const answer = await step(b, () => b.shopper.get("/cart", "routes/cart"));
      if (answer === "cut") continue;
      const lines = (answer.data as { lines: Array<{ productId: number; quantity: number }> })
        .lines;
      return lines.find((l) => l.productId === productId)?.quantity ?? 0;
    }
  }

  async function fillCart(b: Buyer): Promise<boolean> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.post("/cart", "routes/cart", {
          intent: "add",
          productId,
          quantity: b.quantity,
          stay: 1,
        }),
      );
      // A new cart's cookie comes with the answer: no answer, no cart, so adding again is safe.
      if (answer === "cut") {
        if ((await cartQuantity(b)) > 0) return true;
        continue;
      }
      if (answer.status === 200) return true;
      if (answer.status === 409 && errorOf(answer) === "cart.soldOut") return false;
      throw unexpected(b, "add to cart", answer);
    }
  }

  async function checkout(b: Buyer): Promise<"placed" | "soldOut" | "lost"> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.post("/checkout", "routes/checkout", {
          contactName: `买家${b.n}`,
          phone: `139${String(b.n).padStart(8, "0")}`,
          email: "",
          province: "江苏省",
          city: "南京市",
          district: "雨花台区",
          street: `软件大道 ${b.n + 1} 号`,
          buyerType: "individual",
        }),
      );
      if (answer === "cut") {
        // Placing an order empties the cart in the same transaction: a full cart means
        // nothing happened; an empty one, an order whose number the kill swallowed.
        if ((await cartQuantity(b)) > 0) continue;
        return "lost";
      }
      if (answer.status === 204 && answer.redirect) {
        b.orders.push(placedOrder(answer.redirect));
        progress.placed++;
        return "placed";
      }
      if (
        answer.status === 409 &&
        ["checkout.soldOut", "checkout.notEnoughStock"].includes(errorOf(answer) ?? "")
      )
        return "soldOut";
      throw unexpected(b, "checkout", answer);
    }
  }

  function placedOrder(redirect: string): { number: string; sessionId: string | null } {
    const demoPage = redirect.match(/^\/pay\/demo\/(SH-[\w-]+)\?/);
    if (demoPage) return { number: demoPage[1]!, sessionId: null };
    const sessionId = new URL(redirect).pathname.split("/").pop()!;
    const session = fake.sessions.get(sessionId);
    if (!session) throw new Error(`redirected to an unknown Checkout Session: ${redirect}`);
    return {
      number: (session.metadata as Record<string, string>).order_number!,
      sessionId,
    };
  }

  /** The order page; `?paid=1` is where Stripe sends the shopper back. */
  async function orderStatus(b: Buyer, number: string, query = ""): Promise<string> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.get(`/orders/${number}${query}`, "routes/orders.$number"),
      );
      if (answer === "cut") continue;
      if (answer.status !== 200) throw unexpected(b, `GET /orders/${number}`, answer);
      return (answer.data as { order: { status: string } }).order.status;
    }
  }

  async function payDemo(b: Buyer, number: string): Promise<void> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.post(`/pay/demo/${number}`, "routes/pay.demo.$number", { choice: "succeeded" }),
      );
      if (answer === "cut") continue;
      // 409: the other click (or the attempt the kill cut off) got there first
      if (answer.status === 204 || (answer.status === 409 && errorOf(answer) === "pay.notPayable"))
        break;
      throw unexpected(b, "demo payment", answer);
    }
  }

  function payAtStripe(b: Buyer, sessionId: string, asynchronous: boolean) {
    // Stripe's own state survives the store's crash: the session is complete either way.
    const session = fake.complete(sessionId, asynchronous ? "unpaid" : "paid");
    webhooks.send(stripeEvent("checkout.session.completed", session), {
      delayMs: between(0, 400),
      copies: between(1, 3),
    });
    if (asynchronous) {
      webhooks.send(
        stripeEvent("checkout.session.async_payment_succeeded", {
          ...session,
          payment_status: "paid",
        }),
        { delayMs: between(0, 800) },
      );
    }
  }

  async function cancel(b: Buyer, number: string): Promise<void> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.post(`/orders/${number}`, "routes/orders.$number", { intent: "cancel" }),
      );
      if (answer === "cut") continue;
      if (answer.status === 204) break;
      if (answer.status === 409 && errorOf(answer) === "order.notCancellable") break;
      throw unexpected(b, "cancel", answer);
    }
    expect(await orderStatus(b, number), `buyer ${b.n}'s order ${number}`).toBe("cancelled");
  }

  /** Press "pay" on the order page again: the open Checkout Session is reused, not doubled. */
  async function payAgain(b: Buyer, number: string, sessionId: string): Promise<void> {
    for (;;) {
      const answer = await step(b, () =>
        b.shopper.post(`/orders/${number}`, "routes/orders.$number", { intent: "pay" }),
      );
      if (answer === "cut") continue;
      if (answer.status !== 204 || !answer.redirect) throw unexpected(b, "pay again", answer);
      expect(new URL(answer.redirect).pathname, `buyer ${b.n} pays again`).toBe(
        `/checkout/${sessionId}`,
      );
      return;
    }
  }

  async function finish(b: Buyer): Promise<void> {
    const { number, sessionId } = b.orders.at(-1)!;
    switch (b.ending) {
      case "walkAway":
        b.outcome = "walkedAway";
        return;
      case "cancel":
        await cancel(b, number);
        b.outcome = "cancelled";
        return;
    }
    if (b.gateway === "demo") {
      if (b.ending === "doubleClick") await Promise.all([payDemo(b, number), payDemo(b, number)]);
      else await payDemo(b, number);
      expect(await orderStatus(b, number), `buyer ${b.n}'s demo order ${number}`).toBe("paid");
      progress.demoPaid++;
    } else {
      if (b.ending === "payAgain") await payAgain(b, number, sessionId!);
      payAtStripe(b, sessionId!, b.ending === "async");
      await think();
      await orderStatus(b, number, "?paid=1"); // back from Stripe: paid, or being confirmed
    }
    b.outcome = "paid";
  }

  async function shop(b: Buyer): Promise<void> {
    for (;;) {
      if (!(await fillCart(b))) {
        b.outcome = "soldOut";
        return;
      }
      await think();
      const placed = await checkout(b);
      if (placed === "soldOut") {
        b.outcome = "soldOut";
        return;
      }
      if (placed === "placed") break;
      b.lostOrders++;
    }
    await think();
    await finish(b);
  }

  /** A buyer who found it sold out comes back for one box and pays for it. */
  async function comeBack(b: Buyer): Promise<void> {
    b.quantity = 1;
    b.ending = "pay";
    b.outcome = null;
    for (;;) {
      const removed = await step(b, () =>
        b.shopper.post("/cart", "routes/cart", { intent: "remove", productId }),
      );
      if (removed === "cut") continue;
      if (removed.status >= 400) throw unexpected(b, "empty the cart", removed);
      break;
    }
    await shop(b);
  }

  // ── the stock invariant, watched while it all happens ───────────

  function watchStock() {
    const seen = { samples: 0, minStock: STOCK, maxHeld: 0, violations: [] as string[] };
    let paused = false;
    let running = true;
    const loop = (async () => {
      while (running) {
        if (!paused) {
          try {
            // One statement, one snapshot: stock and what the open and paid orders hold.
            const row = readDb(demo.dbFile, (db) =>
              db
                .prepare(
                  `select p.stock as stock,
                   coalesce((select sum(l.quantity) from order_lines l
                             join orders o on o.id = l.order_id
                             where l.product_id = p.id and o.stock_released = 0), 0) as held
                 from products p where p.id = ?`,
                )
                .get(productId),
            ) as { stock: number; held: number };
            seen.samples++;
            seen.minStock = Math.min(seen.minStock, row.stock);
            seen.maxHeld = Math.max(seen.maxHeld, row.held);
            if (row.stock < 0 || row.stock + row.held !== STOCK)
              seen.violations.push(`stock ${row.stock} + held ${row.held} ≠ ${STOCK}`);
          } catch (error) {
            seen.violations.push(`could not read the file: ${String(error)}`);
          }
        }
        await sleep(200);
      }
    })();
    return {
      seen,
      pause: () => (paused = true),
      resume: () => (paused = false),
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  it(
    `${BUYERS} buyers, ${STOCK} boxes, demo and Stripe payments, SIGKILL mid-run: exactly ${STOCK} sold, nothing lost`,
    { timeout: 240_000 },
    async () => {
      const t0 = Date.now();
      const times: Record<string, number> = {};
      const mark = (phase: string) => (times[phase] = (Date.now() - t0) / 1000);
      const watcher = watchStock();

      const buyers: Buyer[] = Array.from({ length: BUYERS }, (_, n) => {
        const gateway: Gateway = n % 2 === 0 ? "demo" : "stripe";
        const k = Math.floor(n / 2) % 10;
        return {
          n,
          gateway,
          quantity: n % 7 === 3 ? 2 : 1,
          ending: (gateway === "demo" ? DEMO_ENDINGS : STRIPE_ENDINGS)[k]!,
          shopper: new Shopper(gateway === "demo" ? demo.baseUrl : stripe.baseUrl, traffic),
          orders: [],
          outcome: null,
          lostOrders: 0,
        };
      });

      // ── A: the rush, and the kill in the middle of it ──
      const rush = Promise.all(
        buyers.map(async (b) => {
          await sleep(b.n * 25 + between(0, 50));
          await shop(b);
        }),
      );
      const paidSoFar = () => progress.demoPaid + (webhooks.log.outcomes.applied ?? 0);
      const killBy = Date.now() + 60_000;
      while (
        !(progress.placed >= KILL_AFTER.placed && paidSoFar() >= KILL_AFTER.paid) &&
        Date.now() < killBy
      )
        await sleep(20);
      watcher.pause();
      const atKill = {
        placed: progress.placed,
        paid: paidSoFar(),
        buyersDone: buyers.filter((b) => b.outcome).length,
        requestsInFlight: traffic.inFlight,
        webhooksInFlight: webhooks.inFlight,
      };
      await Promise.all([demo.kill(), stripe.kill()]);
      mark("killed");
      expect(atKill.placed, "orders were placed before the kill").toBeGreaterThan(0);
      expect(atKill.buyersDone, "buyers were still shopping at the kill").toBeLessThan(BUYERS);

      // ── B: back up on the same file; Stripe resends everything; buyers carry on ──
      await Promise.all([demo.restart(), stripe.restart()]);
      mark("restarted");
      watcher.resume();
      const redelivered = webhooks.redeliverAll();
      await rush;
      await webhooks.idle();
      mark("rush over");

      // ── C: what was not paid closes: Stripe expires its open sessions, the sweep the rest ──
      let sessionsExpired = 0;
      for (const session of fake.sessions.values()) {
        if (session.status !== "open") continue;
        session.status = "expired";
        sessionsExpired++;
        webhooks.send(stripeEvent("checkout.session.expired", session), {
          delayMs: between(0, 200),
        });
      }
      await webhooks.idle();
      // The sweep every server runs each minute, with its clock past every order's expiry
      // (Stripe's sessions hold stock for 31 minutes), instead of waiting half an hour.
      const sweeper = createDatabase(demo.dbFile);
      const swept = await expireStaleOrders(sweeper, new Date(Date.now() + 2 * 3_600_000)).finally(
        () => sweeper.destroy(),
      );
      const pending = readDb(demo.dbFile, (db) =>
        db.prepare("select count(*) as n from orders where status = 'pending_payment'").get(),
      ) as { n: number };
      expect(pending.n, "orders still pending after expiry").toBe(0);
      const left = productRow(demo.dbFile, SLUG).stock;
      mark("unpaid closed");

      // ── D: the buyers who found it sold out come back for what was given back ──
      const returning = buyers.filter((b) => b.outcome === "soldOut");
      expect(returning.length, "enough buyers to take the stock given back").toBeGreaterThan(left);
      await Promise.all(returning.map((b) => comeBack(b)));
      await webhooks.idle();
      // and once more, every event Stripe ever sent: each must now be a duplicate
      const outcomesBefore = { ...webhooks.log.outcomes };
      const replayed = webhooks.redeliverAll();
      await webhooks.idle();
      mark("sold out");
      await watcher.stop();

      // ── what the file says ──
      const db = readDb(demo.dbFile, (sqlite) => ({
        orders: sqlite
          .prepare(
            `select o.id, o.number, o.status, o.payment_gateway as gateway, o.stock_released,
                    o.paid_at, o.closed_at,
               (select sum(quantity) from order_lines where order_id = o.id) as quantity,
               (select count(*) from order_lines where order_id = o.id) as lineCount,
               (select count(*) from order_lines where order_id = o.id and product_id != ?) as otherLines,
               (select sum(line_total_fen) from order_lines where order_id = o.id) as linesFen,
               (select count(*) from aid_ledger where order_id = o.id and entry_type = 'sale') as ledgerRows,
               (select coalesce(sum(amount_fen), 0) from aid_ledger where order_id = o.id) as ledgerFen,
               (select count(*) from shipments where order_id = o.id) as shipments,
               (select count(*) from payment_events where order_id = o.id
                  and type = 'payment.succeeded' and outcome = 'applied') as paidEvents,
               (select count(*) from payment_events where order_id = o.id
                  and type in ('payment.expired', 'payment.cancelled') and outcome = 'applied') as closeEvents
             from orders o order by o.id`,
          )
          .all(productId) as Array<{
          id: number;
          number: string;
          status: string;
          gateway: Gateway;
          stock_released: number;
          paid_at: string | null;
          closed_at: string | null;
          quantity: number;
          lineCount: number;
          otherLines: number;
          linesFen: number;
          ledgerRows: number;
          ledgerFen: number;
          shipments: number;
          paidEvents: number;
          closeEvents: number;
        }>,
        paymentIds: new Set(
          (sqlite.prepare("select id from payments").all() as Array<{ id: string }>).map(
            (p) => p.id,
          ),
        ),
        events: sqlite
          .prepare("select id, type, outcome, order_id as orderId from payment_events")
          .all() as Array<{ id: string; type: string; outcome: string; orderId: number | null }>,
        stock: (
          sqlite.prepare("select stock from products where id = ?").get(productId) as {
            stock: number;
          }
        ).stock,
      }));
      const paid = db.orders.filter((o) => o.status === "paid");
      const closed = db.orders.filter((o) => o.status === "expired" || o.status === "cancelled");

      // exactly 50 sold, none twice, nothing left held
      expect(db.orders.every((o) => o.otherLines === 0)).toBe(true);
      expect(paid.reduce((s, o) => s + o.quantity, 0)).toBe(STOCK);
      expect(db.stock).toBe(0);
      expect(paid.length + closed.length, "every order paid or closed").toBe(db.orders.length);
      expect(watcher.seen.violations, "stock + held = 50 at every sample").toEqual([]);

      // no order both paid and closed
      for (const o of paid) {
        expect(
          {
            order: o.number,
            released: o.stock_released,
            closedAt: o.closed_at,
            closes: o.closeEvents,
          },
          `paid order ${o.number} was never closed`,
        ).toEqual({ order: o.number, released: 0, closedAt: null, closes: 0 });
      }
      for (const o of closed) {
        expect(
          {
            order: o.number,
            released: o.stock_released,
            paidAt: o.paid_at,
            paid: o.paidEvents,
            ledger: o.ledgerRows,
          },
          `closed order ${o.number} was never paid`,
        ).toEqual({ order: o.number, released: 1, paidAt: null, paid: 0, ledger: 0 });
      }
      const suspicious = db.events.filter((e) =>
        ["paid_after_close", "amount_mismatch", "unknown_order"].includes(e.outcome),
      );
      expect(suspicious, "no payment for a closed, mismatched or unknown order").toEqual([]);

      // every paid order: paid once, in the ledger line by line, one parcel to ship
      for (const o of paid) {
        expect(
          {
            order: o.number,
            paidEvents: o.paidEvents,
            ledgerRows: o.ledgerRows,
            ledgerFen: o.ledgerFen,
            shipments: o.shipments,
          },
          `paid order ${o.number}`,
        ).toEqual({
          order: o.number,
          paidEvents: 1,
          ledgerRows: o.lineCount,
          ledgerFen: o.linesFen,
          shipments: 1,
        });
      }

      // nothing lost: what the buyers and Stripe know matches the file
      const byNumber = new Map(db.orders.map((o) => [o.number, o]));
      const known = buyers.flatMap((b) => b.orders.map((o) => ({ buyer: b, ...o })));
      const lost = buyers.reduce((s, b) => s + b.lostOrders, 0);
      expect(
        db.orders.length,
        "orders in the file = orders buyers saw + answers the kill ate",
      ).toBe(known.length + lost);
      for (const b of buyers.filter((x) => x.outcome === "paid")) {
        const number = b.orders.at(-1)!.number;
        expect(byNumber.get(number)?.status, `buyer ${b.n} paid for ${number}`).toBe("paid");
      }
      expect(paid.length).toBe(buyers.filter((b) => b.outcome === "paid").length);
      const completed = [...fake.sessions.values()].filter((s) => s.status === "complete");
      const paidStripe = paid
        .filter((o) => o.gateway === "stripe")
        .map((o) => o.number)
        .sort();
      expect(
        completed.map((s) => (s.metadata as Record<string, string>).order_number).sort(),
        "Stripe took money exactly for the Stripe orders marked paid",
      ).toEqual(paidStripe);
      const recorded = new Set(db.events.filter((e) => e.id.startsWith("evt_")).map((e) => e.id));
      expect(
        [...webhooks.events.keys()].filter((id) => !recorded.has(id)),
        "events not recorded",
      ).toEqual([]);
      expect(webhooks.log.serverErrors).toEqual([]);
      const replayOutcomes = Object.fromEntries(
        Object.entries(webhooks.log.outcomes).map(([k, v]) => [k, v - (outcomesBefore[k] ?? 0)]),
      );
      expect(replayOutcomes, "the final replay changes nothing").toEqual({
        ...Object.fromEntries(Object.keys(webhooks.log.outcomes).map((k) => [k, 0])),
        duplicate: replayed,
      });

      // the aid ledger reconciles, in-process and as the operator's command
      const reader = createDatabase(demo.dbFile);
      const check = await checkLedger(reader).finally(() => reader.destroy());
      expect(check.broken).toEqual([]);
      expect(check.ok).toBe(true);
      const script = spawnSync("npx", ["tsx", "scripts/ledger-check.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: demo.dbFile },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(script.status, `ledger:check said:\n${script.stdout}${script.stderr}`).toBe(0);
      mark("checked");

      const count = (status: string) => db.orders.filter((o) => o.status === status).length;
      console.log(
        [
          `crash safety: ${BUYERS} buyers (${BUYERS / 2} demo, ${BUYERS / 2} Stripe) for ${STOCK} boxes`,
          `  orders placed ${db.orders.length} (${lost} whose answer the kill ate), paid ${paid.length} ` +
            `(${paid.filter((o) => o.gateway === "demo").length} demo, ${paidStripe.length} Stripe), ` +
            `expired ${count("expired")}, cancelled ${count("cancelled")}; boxes sold ${STOCK}, stock left ${db.stock}`,
          `  at the kill (${times.killed}s): ${atKill.placed} orders placed, ${atKill.paid} paid, ` +
            `${atKill.buyersDone}/${BUYERS} buyers done, ${atKill.requestsInFlight} requests and ` +
            `${atKill.webhooksInFlight} webhooks in flight`,
          `  requests ${traffic.sent}, cut or refused by the kill ${traffic.cut}`,
          `  webhooks: ${webhooks.events.size} events, ${webhooks.log.answered} deliveries answered, ` +
            `${webhooks.log.unanswered} unanswered, ${redelivered} redelivered after the restart and ` +
            `${replayed} at the end; outcomes ${JSON.stringify(webhooks.log.outcomes)}`,
          `  Checkout Sessions the store never recorded (created as it died): ` +
            `${[...fake.sessions.keys()].filter((id) => !db.paymentIds.has(id)).length}`,
          `  expiry: ${sessionsExpired} Checkout Sessions expired, ${swept} orders swept; ` +
            `${returning.length} buyers came back for ${left} boxes`,
          `  stock watched ${watcher.seen.samples} times: min stock ${watcher.seen.minStock}, max held ${watcher.seen.maxHeld}`,
          `  time: ${Object.entries(times)
            .map(([k, v]) => `${k} ${v.toFixed(1)}s`)
            .join(", ")}`,
        ].join("\n"),
      );
    },
  );
});
