// The bytes and titles the server sends, without a browser: valid UTF-8 with no NUL byte
// (React 18's Node stream padded Chinese pages with zeros) and a <title> in the page's
// language, 404s included. The crawl checks every page; this names the known cases.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type StoreServer } from "./server";

let server: StoreServer;
let english = "";

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.baseUrl}/language`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: server.baseUrl,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ lng: "en", redirectTo: "/" }),
  });
  english = res.headers.getSetCookie()[0]!.split(";")[0]!;
});
afterAll(async () => server?.stop());

async function page(path: string, cookie = "") {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { Cookie: cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  return { status: res.status, bytes, html, title };
}

const PAGES = [
  "/",
  "/products",
  "/products/set-yogurt",
  "/collections/green-organic-qinghai",
  "/counties/datong",
  "/cart",
  "/login",
  "/orders/lookup",
  "/thanks",
];
const CJK = /[\u3000-\u9fff\uff00-\uffef]/g;

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("base64");

describe("HTML as sent", () => {
  it("is valid UTF-8 without NUL bytes, in both languages", async () => {
    for (const cookie of ["", english]) {
      for (const path of PAGES) {
        const { status, bytes } = await page(path, cookie);
        expect(status, path).toBe(200);
        expect(bytes.length, path).toBeGreaterThan(2048);
        expect(bytes.indexOf(0), `first NUL byte in ${path}`).toBe(-1);
      }
    }
  });

  it("has a Chinese title in Chinese and an English one in English", async () => {
    for (const path of PAGES) {
      const zh = await page(path);
      expect(zh.title, path).toMatch(/山海/);
      expect(zh.title.replace(/山海/g, "").match(CJK), `${path}: ${zh.title}`).not.toBeNull();
      const en = await page(path, english);
      expect(en.title, path).toMatch(/Shanhai/);
      expect(en.title.replace(/山海/g, "").match(CJK), `${path}: ${en.title}`).toBeNull();
    }
  });

  it("names the page in the title", async () => {
    expect((await page("/")).title).toBe("南京—西宁消费帮扶商城 · 山海 Shanhai");
    expect((await page("/", english)).title).toBe(
      "The Nanjing–Xining consumption-aid store · Shanhai 山海",
    );
    expect((await page("/cart")).title).toBe("购物车 · 山海 Shanhai");
    expect((await page("/cart", english)).title).toBe("Cart · Shanhai 山海");
    expect((await page("/products/set-yogurt", english)).title).toMatch(/yogurt/i);
  });

  it("names a missing page in the title, in the page's language", async () => {
    for (const path of ["/no-such-page", "/products/no-such-product", "/counties/nowhere"]) {
      const zh = await page(path);
      expect(zh.status, path).toBe(404);
      expect(zh.title, path).toBe("页面不存在 · 山海 Shanhai");
      const en = await page(path, english);
      expect(en.title, path).toBe("Page not found · Shanhai 山海");
    }
  });

  it("logs no error once the responses are done (the server aborts each request's signal)", async () => {
    await page("/");
    // past the renderer's 5 s limit for deferred data, which aborts too
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(server.output()).not.toMatch(/Error|ERR_/);
  });

  it("answers a path with broken %-escapes with 400, logging no stack trace", async () => {
    for (const path of ["/orders/%ZZ", "/cooperatives/%E0%A4%A", "/products/%"]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).not.toMatch(/URIError|at /);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).not.toMatch(/URIError|decode_param/);
  });

  it("carries security headers, and allows exactly its own inline scripts", async () => {
    // Shared pages (the page cache) allow their inline scripts by hash, every other page by
    // a nonce made for the request.
    const shared = ["/", "/products/set-yogurt"];
    for (const path of [...shared, "/login", "/no-such-page", "/favicon.svg"]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      if (shared.includes(path)) expect(scriptSrc, path).toMatch(/^'self'( 'sha256-[^']+')+$/);
      else expect(scriptSrc, path).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}'$/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
      // served over plain HTTP here: no HSTS
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
      if (!path.endsWith(".svg")) {
        const html = await res.text();
        const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(inline.length, path).toBeGreaterThan(0);
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        for (const [, attrs, body] of inline) {
          if (nonce) expect(attrs, path).toContain(`nonce="${nonce}"`);
          else expect(scriptSrc, path).toContain(`'sha256-${sha256(body!)}'`);
        }
      }
    }
    const a = (await fetch(`${server.baseUrl}/login`)).headers.get("content-security-policy");
    const b = (await fetch(`${server.baseUrl}/login`)).headers.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  it("sends a header a route sets once, in place of the server's own", async () => {
    const login = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: "aid@shanhai.demo", password: "shanhai-aid-2026" }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const res = await fetch(`${server.baseUrl}/aid/export.csv`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    await res.arrayBuffer();
  });

  it("sets every cookie HttpOnly, SameSite=Lax and Secure in production", async () => {
    const res = await fetch(`${server.baseUrl}/language`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ lng: "en", redirectTo: "/" }),
    });
    const cookies = res.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Secure/i);
    }
  });
});
