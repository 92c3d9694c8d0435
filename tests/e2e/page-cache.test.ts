// The page cache (server/page-cache.js) on the built store with two worker processes: it
// must never hand one person's page to another, and never show a page staler than the
// database, whichever process answers and whoever wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productRow, writeDb } from "./helpers";
import { startServer, type StoreServer } from "./server";

const SHOPPER = { login: "13800000000", password: "shanhai-shop-2026", name: "王小明" };
const OFFICER = { login: "aid@shanhai.demo", password: "shanhai-aid-2026", name: "陈立" };
const PAGES = ["/", "/products", "/products/yak-shank", "/counties/datong"];
/** Enough requests that both workers answer at least once (connections are handed round). */
const ROUNDS = 6;

let server: StoreServer;

beforeAll(async () => {
  server = await startServer({ WEB_CONCURRENCY: "2" });
}, 120_000);
afterAll(() => server?.stop());

/** A visitor with a cookie jar, speaking plain HTTP as a browser with JavaScript off would. */
class Visitor {
  cookies = new Map<string, string>();

  async get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(server.baseUrl + path, {
      headers: { Cookie: this.cookieHeader(), ...headers },
      redirect: "manual",
    });
    this.remember(response);
    return { response, html: await response.text() };
  }

  async post(path: string, form: Record<string, string>) {
    const response = await fetch(server.baseUrl + path, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: {
        Cookie: this.cookieHeader(),
        Origin: server.baseUrl,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      redirect: "manual",
    });
    this.remember(response);
    expect(response.status, `POST ${path}`).toBeLessThan(400);
    return response;
  }

  async signIn(account: { login: string; password: string }) {
    await this.post("/login", { ...account, redirectTo: "/" });
    expect(this.cookies.has("shanhai_session")).toBe(true);
  }

  async addToCart(slug: string, quantity: number) {
    const { id } = productRow(server.dbFile, slug);
    await this.post("/cart", { intent: "add", productId: String(id), quantity: String(quantity) });
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const value = pair!.slice(eq + 1).trim();
      if (value) this.cookies.set(pair!.slice(0, eq).trim(), value);
      else this.cookies.delete(pair!.slice(0, eq).trim());
    }
  }
}

/** The number in the header's cart badge, or 0 when there is none. */
const cartBadge = (html: string) => Number(/class="cart-count"[^>]*>(\d+)</.exec(html)?.[1] ?? 0);

async function anonymousViews(path: string) {
  const anonymous = new Visitor();
  const views = [];
  for (let i = 0; i < ROUNDS; i++) views.push(await anonymous.get(path));
  return views;
}

describe("the page cache", () => {
  it("keeps anonymous pages, answers a matching ETag with 304, and keeps no personal page", async () => {
    const views = await anonymousViews("/products");
    const states = views.map((v) => v.response.headers.get("x-page-cache"));
    expect(states).toContain("HIT");
    const etags = new Set(views.map((v) => v.response.headers.get("etag")));
    expect(etags.size, "both processes render the same bytes").toBe(1);
    const [etag] = [...etags];
    const again = await new Visitor().get("/products", { "If-None-Match": etag! });
    expect(again.response.status).toBe(304);
    expect(views[0]!.response.headers.get("cache-control")).toContain("s-maxage=");
    expect(views[0]!.response.headers.get("cdn-cache-control")).toContain(
      "stale-while-revalidate=",
    );

    const withCart = new Visitor();
    await withCart.addToCart("yak-shank", 1);
    const personal = await withCart.get("/products");
    expect(personal.response.headers.get("x-page-cache")).toBeNull();
    expect(cartBadge(personal.html)).toBe(1);
  });

  it("never carries one person's page to another or to an anonymous visitor", async () => {
    const a = new Visitor();
    await a.signIn(SHOPPER);
    await a.addToCart("yak-shank", 2);
    const b = new Visitor();
    await b.signIn(OFFICER);
    for (const path of PAGES) {
      for (let i = 0; i < ROUNDS; i++) {
        const seenByA = await a.get(path);
        expect(seenByA.html, `${path} as A`).toContain(SHOPPER.name);
        expect(cartBadge(seenByA.html)).toBe(2);

        const seenByB = await b.get(path);
        expect(seenByB.html, `${path} as B`).toContain(OFFICER.name);
        expect(seenByB.html).not.toContain(SHOPPER.name);
        expect(cartBadge(seenByB.html)).toBe(0);

        const seenByNobody = await new Visitor().get(path);
        expect(seenByNobody.response.status).toBe(200);
        expect(seenByNobody.html).not.toContain(SHOPPER.name);
        expect(seenByNobody.html).not.toContain(OFFICER.name);
        expect(seenByNobody.html).not.toContain('"user":{');
        expect(cartBadge(seenByNobody.html)).toBe(0);
        expect(seenByNobody.response.headers.getSetCookie()).toEqual([]);
      }
    }
  });

  it("shows a price or stock change on the next request, whichever process answers", async () => {
    const { id } = productRow(server.dbFile, "yak-shank");
    const change = (sql: string) =>
      writeDb(server.dbFile, (db) => db.prepare(sql).run(id)) && undefined;
    // a signed-in shopper's pages are rendered per request from catalogue reads kept under
    // the same counters (app/utils/shared-reads.server.ts): they must be as fresh
    const shopper = new Visitor();
    await shopper.signIn(SHOPPER);
    const views = async (path: string) => [
      ...(await anonymousViews(path)),
      ...(await Promise.all(Array.from({ length: ROUNDS }, () => shopper.get(path)))),
    ];
    await views("/products/yak-shank"); // both processes keep the page and the reads
    await views("/products?county=datong");

    change("update products set price_fen = 12345 where id = ?");
    for (const view of await views("/products/yak-shank")) {
      expect(view.html).toContain('"priceFen":12345');
      expect(view.html).toContain("123.45");
    }
    const list = await views("/products?county=datong");
    for (const view of list) expect(view.html).toContain('"priceFen":12345');

    change("update products set stock = 3 where id = ?");
    for (const view of await views("/products/yak-shank")) {
      expect(view.html).toContain("仅剩 3 件");
    }
    change("update products set stock = 0 where id = ?");
    for (const view of await views("/products/yak-shank")) {
      expect(view.html).toContain("已售罄");
    }
  });

  it("keeps pages through a sale that leaves plenty, and shows nothing of the exact count", async () => {
    const { id } = productRow(server.dbFile, "yak-shank");
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = 500 where id = ?").run(id),
    );
    await anonymousViews("/products/yak-shank");
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = stock - 1 where id = ?").run(id),
    );
    const views = await anonymousViews("/products/yak-shank");
    expect(views.every((v) => v.response.headers.get("x-page-cache") === "HIT")).toBe(true);
    expect(views[0]!.html).not.toMatch(/"stock":(499|500)\b/);
  });

  it("keeps each language apart", async () => {
    const english = new Visitor();
    await english.post("/language", { lng: "en", redirectTo: "/products" });
    const en = await english.get("/products");
    expect(en.html).toMatch(/<html lang="en"/);
    const zh = await new Visitor().get("/products");
    expect(zh.html).toMatch(/<html lang="zh-CN"/);
  });
});
