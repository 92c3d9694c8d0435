// Forged and replayed Stripe webhooks, against a store of its own that takes money through
// Stripe (a loopback fake of Stripe's API, tests/fakes/stripe-api.ts). Only an event
// signed with the endpoint's secret, within five minutes, marks an order paid, and only
// once; a signed event for another amount pays nothing; bodies too big for any event are
// refused before they are read.
import http from "node:http";
import Database from "better-sqlite3";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeStripe, stripeEvent } from "../fakes/stripe-api";
import { startServer, type StoreServer } from "../e2e/server";
import { Client, count, problem, problems, saveTally } from "./harness";
import { submitForm } from "./scenario";

const SECRET = "whsec_security_suite_secret";
const signer = new Stripe("sk_test_security_suite");
let fake: FakeStripe;
let store: StoreServer;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  store = await startServer({
    PAYMENT_GATEWAY: "stripe",
    STRIPE_SECRET_KEY: "sk_test_security_suite",
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_BASE: `http://127.0.0.1:${fake.port}`,
  });
});
afterAll(async () => {
  await store?.stop();
  await fake?.stop();
  saveTally(import.meta.url);
});
beforeEach(() => {
  problems.length = 0;
});

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(store.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

function post(body: string | Buffer, headers: Record<string, string | undefined>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    const req = http.request(`${store.baseUrl}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...clean } as Record<string, string>,
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => {
        if ((res.statusCode ?? 0) >= 500) problem(`webhook answered ${res.statusCode}: ${text}`);
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) =>
      e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
    );
    req.end(body);
  });
}

const sign = (payload: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) =>
  signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });

const state = (orderId: number) => ({
  order: query<{ status: string }>("select status from orders where id = ?", orderId).status,
  ledger: query<{ n: number }>("select count(*) as n from aid_ledger where order_id = ?", orderId)
    .n,
  events: query<{ n: number }>("select count(*) as n from payment_events").n,
});

describe("Stripe webhooks", () => {
  let orderId: number;
  let session: Record<string, unknown>;

  it("places an order that waits for Stripe", async () => {
    const shopper = new Client("webhook shopper", store.baseUrl);
    const productId = query<{ id: number }>(
      "select id from products where status = 'active' and stock > 2 order by id limit 1",
    ).id;
    await shopper.send("/cart", {
      form: { intent: "add", productId: String(productId), quantity: "1" },
    });
    const placed = await submitForm(
      shopper,
      "/checkout",
      (f) => f.method === "post" && f.fields.some((x) => x.name === "street"),
      {
        addressId: "new",

        contactName: "王小明",
        phone: "13812345678",
        district: "玄武区",
        street: "软件大道 101 号",
        buyerType: "individual",
      },
    );
    expect(placed.sent.status).toBe(302);
    expect(placed.sent.location).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${fake.port}/checkout/`),
    );
    const sessionId = [...fake.sessions.keys()].at(-1)!;
    orderId = Number(fake.sessions.get(sessionId)!.client_reference_id);
    session = fake.complete(sessionId);
    expect(state(orderId).order).toBe("pending_payment");
  });

  it("refuses events without a valid, fresh signature, and changes nothing", async () => {
    const before = state(orderId);
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
    const now = Math.floor(Date.now() / 1000);
    const good = sign(payload);
    const v1 = /v1=([0-9a-f]+)/.exec(good)![1]!;
    const forged: Array<[string, string | undefined, string]> = [
      ["no signature", undefined, payload],
      ["empty signature", "", payload],
      ["another secret", sign(payload, "whsec_not_ours"), payload],
      ["stale (10 minutes)", sign(payload, SECRET, now - 600), payload],
      ["stale (a day)", sign(payload, SECRET, now - 86_400), payload],
      ["no timestamp", `v1=${v1}`, payload],
      ["no v1", `t=${now}`, payload],
      ["only a v0 scheme", `t=${now},v0=${v1}`, payload],
      ["a changed timestamp", good.replace(/t=\d+/, `t=${now + 1}`), payload],
      ["garbage", "t=abc,v1=zzz", payload],
      [
        "body changed after signing",
        good,
        payload.replace('"payment_status":"paid"', '"payment_status":"paid","x":1'),
      ],
      [
        "amount changed after signing",
        good,
        payload.replace(/"amount_total":\d+/, '"amount_total":1'),
      ],
      ["body not JSON", sign("not json"), "not json"],
    ];
    for (const [name, signature, body] of forged) {
      const answer = await post(body, { "Stripe-Signature": signature });
      count("webhook forgery");
      if (answer.status !== 400) problem(`${name}: answered ${answer.status}`);
    }
    expect(state(orderId)).toEqual(before);
    expect(problems).toEqual([]);
  });

  it("pays nothing for a signed event of another amount", async () => {
    const before = state(orderId);
    const cheap = { ...session, amount_total: 1 };
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", cheap));
    const answer = await post(payload, { "Stripe-Signature": sign(payload) });
    count("webhook forgery");
    expect(answer.status).toBe(200);
    expect(state(orderId)).toMatchObject({ order: before.order, ledger: before.ledger });
  });

  it("applies a signed event once, however often it is replayed", async () => {
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", session));
    const first = await post(payload, { "Stripe-Signature": sign(payload) });
    expect(first.status).toBe(200);
    const paid = state(orderId);
    expect(paid.order).toBe("paid");
    expect(paid.ledger).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) {
      // the same event, signed again (Stripe's retries), and the same signature again
      const answer = await post(payload, {
        "Stripe-Signature": i % 2 ? sign(payload) : first.text && sign(payload),
      });
      count("webhook replay");
      expect(answer.status).toBe(200);
    }
    // another event id for the same payment, and a later "expired" for it
    for (const type of [
      "checkout.session.completed",
      "checkout.session.async_payment_succeeded",
      "checkout.session.expired",
      "checkout.session.async_payment_failed",
    ]) {
      const again = JSON.stringify(stripeEvent(type, session));
      const answer = await post(again, { "Stripe-Signature": sign(again) });
      count("webhook replay");
      expect(answer.status, type).toBe(200);
    }
    const after = state(orderId);
    expect(after.order).toBe("paid");
    expect(after.ledger).toBe(paid.ledger);
    expect(problems).toEqual([]);
  });

  it("refuses other methods, and bodies too big for any event before reading them", async () => {
    const get = await fetch(`${store.baseUrl}/webhooks/stripe`);
    expect(get.status).toBe(405);
    count("webhook forgery");
    const big = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${store.baseUrl}/webhooks/stripe`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Stripe-Signature": sign("{}"),
          "Content-Length": String(50 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (e: NodeJS.ErrnoException) =>
        e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
      );
      // the first 64 KB of the declared 50 MB: the answer comes from the header alone, and a
      // client still pushing megabytes would have its unread data reset the connection
      req.write(Buffer.alloc(64 * 1024, 0x20));
    });
    count("oversized body");
    expect(big).toBe(413);
    // and without a declared length (chunked), cut off once past the limit
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${store.baseUrl}/webhooks/stripe`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Stripe-Signature": sign("{}"),
          "Transfer-Encoding": "chunked",
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      // Cut off mid-upload, the server's 413 can be lost to the reset of the data it did not
      // read (TCP discards it); a reset without an answer is a refusal too (0 here).
      req.on("error", (e: NodeJS.ErrnoException) =>
        e.code === "EPIPE" || e.code === "ECONNRESET" ? resolve(0) : reject(e),
      );
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once("drain", () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    count("oversized body");
    // refused (413 at the cut, or 400 when the cut body fails its signature), never taken
    expect(chunked === 0 || (chunked >= 400 && chunked < 500), `answered ${chunked}`).toBe(true);
    // still standing, and nothing was recorded
    expect((await fetch(`${store.baseUrl}/healthz`)).status).toBe(200);
    expect(problems).toEqual([]);
  });
});
