// What the production server answers to requests no page of ours sends: foreign origins,
// bodies in other shapes, oversized bodies, other methods. Refused with a 4xx, never a 500,
// and nothing stored changes.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDb } from "./helpers";
import { startServer, type StoreServer } from "./server";

let server: StoreServer;
let host = "";
beforeAll(async () => {
  server = await startServer();
  host = new URL(server.baseUrl).host;
});
afterAll(async () => server?.stop());

/**
 * One raw request. `declaredLength` may claim more than `body` holds: the guard answers from
 * the headers alone, so a test need not push megabytes through a loaded machine.
 */
function send(
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body?: string | Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    const req = http.request(
      `${server.baseUrl}${path}`,
      { method, headers: clean as Record<string, string> },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => (text += d.slice(0, 1000)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", (error) => {
      // the server may answer and close before taking a whole oversized body
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE" || code === "ECONNRESET") return;
      reject(error);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const FORM = "application/x-www-form-urlencoded";
const ROUTES = ["/cart", "/checkout", "/login", "/signup", "/orders/lookup", "/language"];

function counts() {
  return readDb(server.dbFile, (db) =>
    ["orders", "users", "cart_items", "sessions", "login_attempts"].map(
      (t) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n,
    ),
  );
}

describe("requests no page of ours sends", () => {
  it("refuses cross-origin POSTs with 403", async () => {
    const before = counts();
    const body = "login=13800000000&password=shanhai-shop-2026&intent=add&productId=1";
    const origins: Array<[string | undefined, string | undefined]> = [
      ["http://evil.example", undefined],
      ["null", undefined],
      ["not a url", undefined],
      [`http://user@evil.example`, undefined],
      [`http://${host}@evil.example`, undefined],
      [`https://${host}`, undefined], // another scheme is another origin
      [undefined, "http://evil.example/page"],
      [undefined, undefined],
    ];
    let tries = 0;
    for (const route of ROUTES) {
      for (const [origin, referer] of origins) {
        const res = await send(
          "POST",
          route,
          {
            Origin: origin,
            Referer: referer,
            "Content-Type": FORM,
            "Content-Length": String(Buffer.byteLength(body)),
          },
          body,
        );
        expect(res.status, `${route} Origin=${origin} Referer=${referer}`).toBe(403);
        tries++;
      }
    }
    expect(tries).toBe(ROUTES.length * origins.length);
    expect(counts()).toEqual(before);
  });

  it("refuses other methods with 405", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await send(
        method,
        "/cart",
        { Origin: server.baseUrl, "Content-Type": FORM, "Content-Length": "0" },
        "",
      );
      expect(res.status, method).toBe(405);
    }
  });

  it("refuses bodies that are not forms with 415", async () => {
    for (const route of ROUTES) {
      for (const [type, body] of [
        ["application/json", '{"login":"x"}'],
        ["text/plain", "login=x"],
        ["multipart/form-data", "--x\r\n"],
        [undefined, "login=x"],
      ] as const) {
        const res = await send(
          "POST",
          route,
          {
            Origin: server.baseUrl,
            "Content-Type": type,
            "Content-Length": String(Buffer.byteLength(body)),
          },
          body,
        );
        expect(res.status, `${route} ${type}`).toBe(415);
      }
    }
  });

  it("refuses a 10 MB field with 413 without echoing it", async () => {
    const size = 10 * 1024 * 1024;
    for (const route of ["/login", "/signup", "/orders/lookup", "/checkout"]) {
      // the first 64 KB of a 10 MB form; the answer comes from the declared length
      const body = `login=${"x".repeat(64 * 1024)}`;
      const res = await send(
        "POST",
        route,
        { Origin: server.baseUrl, "Content-Type": FORM, "Content-Length": String(size) },
        body,
      );
      expect(res.status, route).toBe(413);
      expect(res.body.length).toBeLessThan(1000);
    }
  });

  it("still takes a same-origin form", async () => {
    const body = "login=13800000000&password=wrong-password";
    const res = await send(
      "POST",
      "/login",
      { Origin: server.baseUrl, "Content-Type": FORM, "Content-Length": String(body.length) },
      body,
    );
    expect(res.status).toBe(400);
    expect(server.output()).not.toMatch(/Error:/);
  });
});
