// Two production app servers on one PostgreSQL database, as behind a load balancer (issue 14,
// ADR 056): 200 shoppers race for 50 units, each filling a cart on one server and placing the
// order on the other (sessions and carts live in the database, not in a process); Stripe
// Checkout against the loopback fake; each signed webhook is delivered to BOTH servers at
// once, and then all of them again. Exactly 50 sold, 150 told it sold out, stock 0, every
// payment counted once, the aid ledger green.
//
// It runs in `npm run test:pg` (the suite that has a PostgreSQL cluster; the script builds
// first, as test:e2e does) and is skipped in the plain SQLite suite, where there is no
// database two servers could share over the network.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "#db/connection";
import { ROOT, startServer, type StoreServer } from "#tests/e2e/server";
import { Shopper, Traffic, type Answer } from "#tests/e2e/shopper";
import { WebhookSender } from "#tests/e2e/webhook-sender";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { FakeStripe, stripeEvent } from "#tests/fakes/stripe-api";
import { createTestDatabase, dropTestDatabase, pgAdminUrl } from "#tests/pg";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { ordering as zhOrdering } from "~/i18n/zh-CN/ordering";

const BUYERS = 200;
const STOCK = 50;
const PRICE_FEN = 6800;
const WEBHOOK_SECRET = "whsec_fleet_multi_server";
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");

const adminUrl = pgAdminUrl();

const form = (n: number) => ({
  contactName: `买家${n}`,
  phone: `139${String(n).padStart(8, "0")}`,
  email: "",
  province: "江苏省",
  city: "南京市",
  district: "雨花台区",
  street: `软件大道 ${n + 1} 号`,
  buyerType: "individual",
});

type Reply = { formError?: string; values?: Record<string, string> } | null;
const errorOf = (answer: Answer) => (answer.data as Reply)?.formError;

describe.runIf(adminUrl)("two app servers, one PostgreSQL database", () => {
  let url: string;
  let db: DB;
  let fake: FakeStripe;
  const servers: StoreServer[] = [];
  let productId: number;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, "build", "index.js"))) {
      throw new Error("build/index.js is missing: run `npm run build` (npm run test:pg does)");
    }
    url = await createTestDatabase(adminUrl!, "fleet");
    db = createDatabase(url, { poolSize: 4 });
    const { datong } = await createBasicCatalog(db);
    productId = await createProduct(db, {
      cooperativeId: datong,
      slug: "fleet-yak-jerky",
      nameZh: "牦牛肉干",
      nameEn: "Yak jerky",
      priceFen: PRICE_FEN,
      stock: STOCK,
    });
    fake = await new FakeStripe().start();
    const env = {
      WEB_CONCURRENCY: "1",
      SESSION_SECRET,
      PAYMENT_GATEWAY: "stripe",
      ALLOW_DEMO_PAYMENTS: "0",
      STRIPE_SECRET_KEY: "sk_test_fleet",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: `http://127.0.0.1:${fake.port}`,
    };
    const started = await Promise.allSettled([
      startServer(env, { databaseUrl: url }),
      startServer(env, { databaseUrl: url }),
    ]);
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    for (const s of started) if (s.status === "rejected") throw s.reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await fake?.stop();
    await db?.destroy();
    if (url) await dropTestDatabase(adminUrl!, url);
  });

  it(
    `${BUYERS} checkouts across both servers for ${STOCK} units: ${STOCK} sold and paid once, the rest told it sold out`,
    { timeout: 240_000 },
    async () => {
      const t0 = Date.now();
      const traffic = new Traffic();
      const [a, b] = servers as [StoreServer, StoreServer];

      // Each buyer fills a cart on one server and checks out on the other: the session cookie
      // (one SESSION_SECRET) and the cart (in the database) must be good on both.
      const buyers = Array.from({ length: BUYERS }, (_, n) => {
        const [first, second] = n % 2 === 0 ? [a, b] : [b, a];
        return {
          n,
          cartAt: new Shopper(first.baseUrl, traffic),
          orderAt: new Shopper(second.baseUrl, traffic),
        };
      });
      await Promise.all(
        buyers.map(async ({ n, cartAt, orderAt }) => {
          const added = await cartAt.post("/cart", "routes/cart", {
            intent: "add",
            productId,
            quantity: 1,
            stay: 1,
          });
          expect(added.status, `buyer ${n}: add to cart`).toBe(200);
          for (const [k, v] of cartAt.cookies) orderAt.cookies.set(k, v);
        }),
      );
      const carts = (Date.now() - t0) / 1000;

      // ── the rush: 200 orders at once, 100 on each server ──
      const t1 = Date.now();
      const results = await Promise.all(
        buyers.map(async ({ n, orderAt }) => {
          const answer = await orderAt.post("/checkout", "routes/checkout", form(n));
          return { n, answer };
        }),
      );
      const rush = (Date.now() - t1) / 1000;
      const placed = results.filter((r) => r.answer.status === 204 && r.answer.redirect);
      const refused = results.filter((r) => r.answer.status === 409);
      const other = results.filter((r) => !placed.includes(r) && !refused.includes(r));
      expect(
        other.map((r) => `${r.n}: ${r.answer.status} ${JSON.stringify(r.answer.data)}`),
      ).toEqual([]);
      expect(placed.length).toBe(STOCK);
      expect(refused.length).toBe(BUYERS - STOCK);
      // the clear message (its catalogue key; the page shows the text), never a 500
      expect(new Set(refused.map((r) => errorOf(r.answer)))).toEqual(new Set(["checkout.soldOut"]));
      expect(zhOrdering.checkout.soldOut).toContain("售罄");
      for (const r of refused) {
        expect((r.answer.data as Reply)?.values?.contactName, `buyer ${r.n}'s form kept`).toBe(
          form(r.n).contactName,
        );
      }
      expect(placed.every((r) => r.answer.redirect!.includes(`127.0.0.1:${fake.port}/checkout/`)));

      const stock = await db
        .selectFrom("products")
        .select("stock")
        .where("id", "=", productId)
        .executeTakeFirstOrThrow();
      expect(stock.stock).toBe(0);

      // ── payment: Stripe completes each session; every event goes to both servers at once ──
      const t2 = Date.now();
      const senders = servers.map(
        (s) => new WebhookSender(`${s.baseUrl}/webhooks/stripe`, WEBHOOK_SECRET),
      );
      const sessionIds = placed.map((r) => new URL(r.answer.redirect!).pathname.split("/").pop()!);
      for (const sessionId of sessionIds) {
        const event = stripeEvent("checkout.session.completed", fake.complete(sessionId));
        for (const sender of senders) sender.send(event);
      }
      await delivered(senders, servers);
      const payment = (Date.now() - t2) / 1000;
      const outcomes = sumOutcomes(senders);
      expect(senders.flatMap((s) => s.log.serverErrors)).toEqual([]);
      // Each event applied by one server, the other told it is a duplicate. A delivery whose
      // answer was lost (timed out on a busy machine) is sent again, as Stripe does, and then
      // is a duplicate too: so at most STOCK applied, and the database says exactly STOCK.
      const unanswered = senders.reduce((sum, s) => sum + s.log.unanswered, 0);
      expect(Object.keys(outcomes).sort()).toEqual(["applied", "duplicate"]);
      expect(outcomes.applied! + outcomes.duplicate!).toBe(2 * STOCK);
      expect(STOCK - outcomes.applied!, `applied ${outcomes.applied}`).toBeLessThanOrEqual(
        unanswered,
      );

      const before = await figures(db, productId);
      expect(before).toEqual({
        orders: STOCK,
        paid: STOCK,
        stock: 0,
        payments: STOCK,
        paymentsSucceeded: STOCK,
        saleEntries: STOCK,
        saleFen: STOCK * PRICE_FEN,
        ledgerFen: STOCK * PRICE_FEN,
        appliedEvents: STOCK,
      });

      // ── every event once more, to both: a duplicate changes nothing ──
      const replayed = senders.reduce((sum, s) => sum + s.redeliverAll(), 0);
      await delivered(senders, servers);
      expect(sumOutcomes(senders)).toEqual({
        applied: outcomes.applied,
        duplicate: outcomes.duplicate! + replayed,
      });
      expect(await figures(db, productId)).toEqual(before);

      const check = await checkLedger(db);
      expect(check.broken).toEqual([]);
      expect(check.ok).toBe(true);

      const total = (Date.now() - t0) / 1000;
      console.log(
        `multi-server: ${placed.length} sold, ${refused.length} refused (sold out); ` +
          `carts ${carts.toFixed(1)} s, ${BUYERS} checkouts ${rush.toFixed(1)} s, ` +
          `${STOCK} payments × 2 servers ${payment.toFixed(1)} s, total ${total.toFixed(1)} s ` +
          `(${traffic.sent} shopper requests; webhooks: ${JSON.stringify(outcomes)}, ` +
          `${unanswered} deliveries unanswered and sent again)`,
      );
    },
  );
});

/** Waits for every delivery; on a failure, says what the servers answered meanwhile. */
async function delivered(senders: WebhookSender[], servers: StoreServer[]): Promise<void> {
  try {
    await Promise.all(senders.map((s) => s.idle()));
  } catch (error) {
    const errors = senders.flatMap((s) => s.log.serverErrors);
    throw new Error(
      `${String(error)}\n5xx answers (${errors.length}), the first:\n${errors.slice(0, 3).join("\n")}\n` +
        servers.map((s) => `--- ${s.baseUrl}:\n${s.output().slice(-3000)}`).join("\n"),
    );
  }
}

function sumOutcomes(senders: WebhookSender[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const s of senders) {
    for (const [k, v] of Object.entries(s.log.outcomes)) sum[k] = (sum[k] ?? 0) + v;
  }
  return sum;
}

/** What the database holds for the product: orders, payments and the ledger. */
async function figures(db: DB, productId: number) {
  const orders = await db
    .selectFrom("orders")
    .innerJoin("order_lines", "order_lines.order_id", "orders.id")
    .where("order_lines.product_id", "=", productId)
    .select(["orders.id", "orders.status"])
    .execute();
  const count = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);
  const sales = await db
    .selectFrom("aid_ledger")
    .where("entry_type", "=", "sale")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), eb.lit(0)).as("fen"),
    ])
    .executeTakeFirstOrThrow();
  const ledger = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), eb.lit(0)).as("fen"))
    .executeTakeFirstOrThrow();
  return {
    orders: orders.length,
    paid: orders.filter((o) => o.status === "paid").length,
    stock: (
      await db
        .selectFrom("products")
        .select("stock")
        .where("id", "=", productId)
        .executeTakeFirstOrThrow()
    ).stock,
    payments: await count(
      db
        .selectFrom("payments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ),
    paymentsSucceeded: await count(
      db
        .selectFrom("payments")
        .where("status", "=", "succeeded")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ),
    saleEntries: Number(sales.n),
    saleFen: Number(sales.fen),
    ledgerFen: Number(ledger.fen),
    appliedEvents: await count(
      db
        .selectFrom("payment_events")
        .where("type", "=", "payment.succeeded")
        .where("outcome", "=", "applied")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ),
  };
}
