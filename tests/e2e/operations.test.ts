// Running the store in a fleet (ADR 053), against the production server: each request's id
// comes back and is on its JSON log line, /metrics is for the scraper with the token only and
// counts orders placed in app code, /healthz and /readyz answer, and SIGTERM lets a request
// in flight finish before the process exits 0 — in a cluster (the primary and its workers)
// and in a single process.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productRow } from "./helpers";
import { startServer, type StoreServer } from "./server";
import { Shopper, Traffic } from "./shopper";

const TOKEN = "scrape-me-0123456789";
/** plenty of stock in the seed */
const SLUG = "barley-noodles";

interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  route?: string;
}

/** Retries `check` until it passes: log lines are written in batches (every 250 ms). */
async function until(check: () => void, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function logLines(server: StoreServer): LogLine[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

/**
 * Adds to the cart with a body sent in two parts, `pauseMs` apart, so the request is being
 * served when `duringPause` runs (the action is waiting for the rest of its form).
 */
function slowAddToCart(
  baseUrl: string,
  productId: number,
  duringPause: () => void,
  pauseMs = 700,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ intent: "add", productId: String(productId), quantity: "1", stay: "1" }).toString(); // prettier-ignore
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/cart?_data=routes%2Fcart`, {
      method: "POST",
      agent: false,
      headers: {
        Origin: baseUrl,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.write(body.slice(0, half));
    setTimeout(duringPause, pauseMs / 2);
    setTimeout(() => req.end(body.slice(half)), pauseMs);
  });
}

describe("a store run as a fleet", () => {
  let store: StoreServer;

  beforeAll(async () => {
    // production mode on this machine: a cluster of one worker per core (at least 2 here)
    store = await startServer({ METRICS_TOKEN: TOKEN, TRUST_PROXY: "1", WEB_CONCURRENCY: "2" });
    // ready means one worker serves; the second starts once the first has migrated
    await until(() => {
      expect(logLines(store).filter((l) => l.msg.startsWith("Shanhai listening"))).toHaveLength(2);
    }, 20_000);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("answers /healthz and /readyz without the page cache or Remix", async () => {
    const health = await fetch(`${store.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok");
    expect(health.headers.get("cache-control")).toBe("no-store");
    const ready = await fetch(`${store.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ database: "ok" });
  });

  it("echoes a sane X-Request-Id from the proxy, makes one otherwise, and logs it as JSON", async () => {
    const given = await fetch(`${store.baseUrl}/products`, {
      headers: { "X-Request-Id": "edge-7f3a.42_x" },
    });
    expect(given.headers.get("x-request-id")).toBe("edge-7f3a.42_x");
    const odd = await fetch(`${store.baseUrl}/products/no-such-thing`, {
      headers: { "X-Request-Id": "has spaces and <angle> brackets" },
    });
    expect(odd.status).toBe(404);
    const made = odd.headers.get("x-request-id")!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    await until(() => {
      const lines = logLines(store);
      const first = lines.find((l) => l.requestId === "edge-7f3a.42_x");
      expect(first).toMatchObject({
        level: "info",
        msg: "request",
        method: "GET",
        path: "/products",
        status: 200,
        route: "routes/products._index",
      });
      expect(first!.durationMs).toBeGreaterThanOrEqual(0);
      expect(lines.find((l) => l.requestId === made)).toMatchObject({
        status: 404,
        route: "routes/products.$slug",
      });
    });
  });

  it("keeps /metrics from anyone without the token", async () => {
    expect((await fetch(`${store.baseUrl}/metrics`)).status).toBe(404);
    const wrong = await fetch(`${store.baseUrl}/metrics`, {
      headers: { Authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain("http_request_duration_seconds");
  });

  it("counts requests by route and orders placed in app code, summed over the workers", async () => {
    const shopper = new Shopper(store.baseUrl, new Traffic());
    const productId = productRow(store.dbFile, SLUG).id;
    const added = await shopper.post("/cart", "routes/cart", { intent: "add", productId, quantity: 1, stay: 1 }); // prettier-ignore
    expect(added.status).toBe(200);
    const placed = await shopper.post("/checkout", "routes/checkout", {
      contactName: "运维",
      phone: "13900000001",
      email: "",
      province: "江苏省",
      city: "南京市",
      district: "雨花台区",
      street: "软件大道 1 号",
      buyerType: "individual",
    });
    expect(placed.status, JSON.stringify(placed.data)).toBe(204);

    const scrape = async () => {
      const res = await fetch(`${store.baseUrl}/metrics`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      const text = await res.text();
      expect(res.status, `${text}\n${store.output().slice(-3000)}`).toBe(200);
      return text;
    };
    // A scrape lands on one worker; the checkout may have been served by the other.
    for (let i = 0; i < 4; i++) {
      const text = await scrape();
      expect(text).toMatch(/^shanhai_orders_placed_total\{channel="online"\} 1$/m);
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{route="routes\/checkout",method="POST",status="204",cache="none"\} 1$/m,
      );
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{route="routes\/products._index",/m,
      );
      // never a raw URL as a label
      expect(text).not.toContain('route="/');
      expect(text).toMatch(/^shanhai_db_pool_connections 2$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    }
  });

  it("on SIGTERM, lets a request in flight finish, then the cluster exits 0", async () => {
    const productId = productRow(store.dbFile, SLUG).id;
    let ended: Promise<{ code: number | null; signal: string | null }> | undefined;
    const answer = await slowAddToCart(store.baseUrl, productId, () => {
      ended = store.terminate("SIGTERM");
    });
    expect(answer.status, answer.body).toBe(200);
    expect(await ended).toEqual({ code: 0, signal: null });
    const lines = logLines(store);
    expect(lines.filter((l) => l.msg === "shutting down")).toHaveLength(2);
    expect(lines.filter((l) => l.msg === "stopped")).toHaveLength(2);
  });
});

describe("a single-process store", () => {
  let store: StoreServer;

  beforeAll(async () => {
    store = await startServer({ WEB_CONCURRENCY: "1", SHUTDOWN_GRACE_SECONDS: "5" });
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("on SIGTERM, finishes the request in flight and exits 0 well within the grace", async () => {
    const productId = productRow(store.dbFile, SLUG).id;
    expect((await fetch(`${store.baseUrl}/metrics`)).status).toBe(404); // no token set
    let ended: Promise<{ code: number | null; signal: string | null }> | undefined;
    const started = Date.now();
    const answer = await slowAddToCart(store.baseUrl, productId, () => {
      ended = store.terminate("SIGTERM");
    });
    expect(answer.status, answer.body).toBe(200);
    expect(await ended).toEqual({ code: 0, signal: null });
    // drained, not cut at the end of the grace
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(logLines(store).find((l) => l.msg === "stopped")).toMatchObject({ clean: true });
  });
});
