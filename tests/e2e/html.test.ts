// The bytes and titles the server sends, without a browser: valid UTF-8 with no NUL byte
// (React 18's Node stream padded Chinese pages with zeros) and a <title> in the page's
// language, 404s included. The crawl checks every page; this names the known cases.
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

  it("carries security headers, and a script nonce that matches every inline script", async () => {
    for (const path of ["/", "/products/set-yogurt", "/no-such-page", "/favicon.svg"]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
      // served over plain HTTP here: no HSTS
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
      if (!path.endsWith(".svg")) {
        const html = await res.text();
        const nonce = /'nonce-([^']+)'/.exec(csp)![1];
        const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
        expect(inline.length, path).toBeGreaterThan(0);
        for (const [, attrs] of inline) expect(attrs, path).toContain(`nonce="${nonce}"`);
      }
    }
    const a = (await fetch(`${server.baseUrl}/`)).headers.get("content-security-policy");
    const b = (await fetch(`${server.baseUrl}/`)).headers.get("content-security-policy");
    expect(a).not.toBe(b);
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
