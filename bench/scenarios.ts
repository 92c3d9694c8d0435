// What the benchmark drives: the storefront's pages, as a visitor without cookies and as a
// signed-in shopper with a cart, and add-to-cart. Each is checked once (right status, the
// page it claims to be, really signed in) before it is timed, so a fast error page is never
// mistaken for a fast store.
import autocannon from "autocannon";
import { createDatabase } from "../db/connection";
import { demoAccounts } from "../db/seed-data/accounts";
import { Client, expectStatus, formPost } from "./client";
import { latencyOf, type Row, type Visitor } from "./report";

export const SEARCH_TERM = "牦牛";

export interface PageScenario {
  name: string;
  path: string;
  /** texts the page must contain, one of them at least */
  anyOf: string[];
}

/**
 * The pages, with what each must show, read from the store's own database (a SQLite file or
 * a postgres:// address).
 */
export async function pageScenarios(target: string): Promise<PageScenario[]> {
  const db = createDatabase(target, { poolSize: 1 });
  try {
    const featured = await db
      .selectFrom("products")
      .select("name_zh")
      .where("featured", "=", 1)
      .where("status", "=", "active")
      .execute();
    const product = await db
      .selectFrom("products")
      .select("name_zh")
      .where("slug", "=", "yak-shank")
      .executeTakeFirst();
    const county = await db
      .selectFrom("counties")
      .select("name_zh")
      .where("code", "=", "datong")
      .executeTakeFirst();
    return [
      { name: "home", path: "/", anyOf: featured.map((r) => r.name_zh) },
      { name: "catalogue", path: "/products", anyOf: ['href="/products/'] },
      {
        name: "search",
        path: `/products?q=${encodeURIComponent(SEARCH_TERM)}`,
        anyOf: [SEARCH_TERM],
      },
      { name: "product", path: "/products/yak-shank", anyOf: [product?.name_zh ?? "?"] },
      { name: "county", path: "/counties/datong", anyOf: [county?.name_zh ?? "?"] },
    ];
  } finally {
    await db.destroy();
  }
}

const escapeJson = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * GETs the page once and fails loudly unless it is the page, for the right visitor. Returns
 * what it got, for the static baseline to serve.
 */
export async function checkPage(
  baseUrl: string,
  page: PageScenario,
  shopper: { cookie: string; name: string } | null,
): Promise<{ bytes: Buffer; contentType: string }> {
  const client = new Client(baseUrl);
  if (shopper) client.useCookies(shopper.cookie);
  const reply = await client.get(page.path);
  const who = shopper ? "signed-in" : "anonymous";
  const text = reply.body;
  expectStatus(reply, [200], `${who} GET ${page.path}`);
  if (!page.anyOf.some((t) => text.includes(t))) {
    throw new Error(`bench: ${who} GET ${page.path} does not show any of ${page.anyOf.join(", ")}`);
  }
  if (shopper) {
    if (!text.includes(shopper.name) && !text.includes(escapeJson(shopper.name))) {
      throw new Error(`bench: GET ${page.path} with the session cookie is not signed in`);
    }
    const count = Number(text.match(/class="cart-count"[^>]*>(\d+)</)?.[1] ?? 0);
    if (!(count > 0)) throw new Error(`bench: GET ${page.path} shows an empty cart (${count})`);
  }
  return { bytes: reply.raw, contentType: String(reply.headers["content-type"] ?? "text/html") };
}

/**
 * Signs the demo shopper in through the login form and puts two things in the cart: the
 * product page's yak shank and a generated listing. Returns the Cookie header to send.
 */
export async function signedInShopper(baseUrl: string, target: string) {
  const account = demoAccounts.find((a) => a.role === "shopper");
  if (!account) throw new Error("bench: the demo seed has no shopper account");
  const client = new Client(baseUrl);
  const login = await client.post("/login", "routes/login", {
    login: account.login,
    password: account.password,
    redirectTo: "",
  });
  expectStatus(login, [204], `sign-in as ${account.login}`);
  const db = createDatabase(target, { poolSize: 1 });
  const inStock = db
    .selectFrom("products")
    .select(["id", "slug"])
    .where("status", "=", "active")
    .where("stock", ">", 10)
    .orderBy("id");
  // the shank may have sold out in an older checkout's seed; any listing in stock will do
  const shank =
    (await inStock.where("slug", "=", "yak-shank").executeTakeFirst()) ??
    (await inStock.executeTakeFirst());
  const generated = (await inStock.where("slug", "like", "%-v%").limit(100).execute()).find((r) =>
    /-v\d+$/.test(r.slug),
  );
  await db.destroy();
  const ids = [shank, generated];
  for (const { id } of ids.filter((r) => r !== undefined)) {
    const add = { intent: "add", productId: id, quantity: 1, stay: 1 };
    expectStatus(await client.post("/cart", "routes/cart", add), [200], "add to cart");
  }
  return { cookie: client.cookieHeader(), name: account.name };
}

export interface Load {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Drives one URL with autocannon; latencies from each response, not autocannon's buckets.
 * With `spread` (the origins of several servers), the connections are shared out among them,
 * one autocannon per server running at once (autocannon takes one URL per instance), and the
 * figures summed; the Origin header follows the server, as a browser's would.
 */
export async function measure(
  load: Load,
  spread: readonly string[] = [],
): Promise<Omit<Row, "scenario" | "visitor">> {
  const origin = new URL(load.url).origin;
  const origins = spread.length ? spread : [origin];
  const times: number[] = [];
  const shares = origins
    .map((o, i) => ({
      origin: o,
      connections:
        Math.floor(load.connections / origins.length) +
        (i < load.connections % origins.length ? 1 : 0),
    }))
    .filter((share) => share.connections > 0);
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const headers = { ...load.headers };
          if (headers.Origin === origin) headers.Origin = share.origin;
          const instance = autocannon(
            {
              url: share.origin + load.url.slice(origin.length),
              connections: share.connections,
              duration: load.seconds,
              method: load.method ?? "GET",
              headers,
              body: load.body,
            },
            (error, r) => (error ? reject(error) : resolve(r)),
          );
          instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
        }),
    ),
  );
  const longest = Math.max(...results.map((r) => r.duration));
  const elapsed = longest > 0 ? longest : load.seconds;
  return {
    connections: load.connections,
    requests: times.length,
    reqPerSec: times.length / elapsed,
    ...latencyOf(times),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    pctOfStatic: null,
  };
}

export const row = (
  scenario: string,
  visitor: Visitor,
  measured: Omit<Row, "scenario" | "visitor">,
): Row => ({ scenario, visitor, ...measured });

/**
 * Add-to-cart as the page's fetcher sends it. Anonymous: no cookies, so each request is a
 * new visitor's first add (a new cart and its cookie). Signed-in: the shopper's own cart,
 * where the line is capped at 99 and the store still answers 200 (trimmed).
 */
export function addToCartLoad(
  baseUrl: string,
  productId: number,
  cookie: string | null,
): Omit<Load, "connections" | "seconds"> {
  const post = formPost(baseUrl, { intent: "add", productId, quantity: 1, stay: 1 });
  return {
    url: `${baseUrl}/cart?_data=${encodeURIComponent("routes/cart")}`,
    method: "POST",
    body: post.body,
    headers: { ...post.headers, ...(cookie ? { Cookie: cookie } : {}) },
  };
}
