// Requests no page of ours sends, at every form action each visitor can reach (with that
// visitor's cookies, as a forged request from another site would carry them): other
// origins, other methods, bodies of other types or sizes, broken multipart, invalid UTF-8
// and NUL bytes; URLs with bad bytes; paths that climb out of /media and the static
// folders. Each is refused with a 4xx, never a 5xx, and changes no stored row.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { routeShape } from "./discovery";
import {
  baseUrl,
  count,
  integrityProblems,
  problem,
  problems,
  saveTally,
  storedControlCharacters,
  watchChanges,
} from "./harness";
import { clientFor, ensureWorld, type Visitor, type World } from "./scenario";

interface RawAnswer {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

/** A request exactly as given: no Content-Length or type made up, bytes sent as they are. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body?: Buffer | string,
  { declaredOnly = false } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    const req = http.request(
      `${baseUrl()}${path}`,
      { method, headers: clean as Record<string, string>, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const answer = {
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: res.headers,
          };
          if (answer.status >= 500) problem(`${method} ${path} answered ${answer.status}`);
          resolve(answer);
        });
        if (declaredOnly) res.on("close", () => req.destroy());
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // the server may answer and close before taking all of an oversized body
      if (error.code === "EPIPE" || error.code === "ECONNRESET") return;
      reject(error);
    });
    if (body !== undefined) {
      if (declaredOnly) req.write(body);
      else req.end(body);
    } else req.end();
  });
}

let world: World;
let actions: Array<{ visitor: Visitor; action: string; cookie: string }>;
/** The actions that read their body: /logout signs out whatever it is sent (from our origin). */
const readingBodies = () => actions.filter((a) => !a.action.startsWith("/logout"));
const FORM = "application/x-www-form-urlencoded";

beforeAll(async () => {
  world = await ensureWorld();
  const seen = new Set<string>();
  actions = [];
  for (const [visitor, found] of Object.entries(world.discovered) as Array<
    [Visitor, World["discovered"][Visitor]]
  >) {
    for (const form of found.forms) {
      if (form.method !== "post") continue;
      const shape = routeShape(form.action.replace(/\?.*/, ""));
      if (seen.has(shape)) continue;
      seen.add(shape);
      const cookie = visitor === "anonymous" ? "" : clientFor(world, visitor).cookieHeader();
      actions.push({ visitor, action: form.action, cookie });
    }
  }
  // the store's own answer for the webhook, which takes other bodies by design
  actions = actions.filter((a) => !a.action.startsWith("/webhooks/"));
});
afterAll(() => saveTally(import.meta.url));
// each test lists only its own problems
beforeEach(() => {
  problems.length = 0;
});

const own = () => baseUrl();
const ip = (n: number) => `198.51.100.${(n % 250) + 1}`;

describe("requests no page of ours sends, at every form action", () => {
  it("finds the form actions of every role", () => {
    expect(actions.length).toBeGreaterThan(15);
  });

  it("refuses posts from another origin with 403, with the visitor's cookies on", async () => {
    const watcher = watchChanges();
    const host = new URL(own()).host;
    const variants: Array<[string, Record<string, string | undefined>]> = [
      ["foreign Origin", { Origin: "https://evil.example" }],
      ["Origin null", { Origin: "null" }],
      ["no Origin, foreign Referer", { Referer: "https://evil.example/page" }],
      ["no Origin, no Referer", {}],
      ["same host over https", { Origin: `https://${host}` }],
      ["look-alike host", { Origin: `http://${host}.evil.example` }],
    ];
    const body = "intent=add&productId=1&quantity=1&login=13800000000&password=x";
    for (const [i, { action, cookie, visitor }] of actions.entries()) {
      for (const [name, headers] of variants) {
        const answer = await raw(
          "POST",
          action,
          {
            ...headers,
            Cookie: cookie || undefined,
            "Content-Type": FORM,
            "Content-Length": String(body.length),
            "X-Forwarded-For": ip(i),
          },
          body,
        );
        count("cross-origin POST");
        if (answer.status !== 403)
          problem(`cross-origin (${name}): ${visitor} ${action} answered ${answer.status}`);
      }
    }
    const changed = watcher.changedSince();
    watcher.close();
    expect(changed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("refuses other methods (405), other content types (415), no length (411), oversized bodies (413)", async () => {
    const watcher = watchChanges();
    for (const [i, { action, cookie, visitor }] of actions.entries()) {
      const base = { Origin: own(), Cookie: cookie || undefined, "X-Forwarded-For": ip(i) };
      for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
        const answer = await raw(
          method,
          action,
          { ...base, "Content-Type": FORM, "Content-Length": "0" },
          "",
        );
        count("method not allowed");
        if (answer.status !== 405)
          problem(`method: ${method} ${visitor} ${action} answered ${answer.status}`);
      }
      for (const type of [
        "application/json",
        "text/plain",
        "application/xml",
        "multipart/form-data",
        undefined,
      ]) {
        const body = type === "application/json" ? '{"intent":"add"}' : "intent=add";
        const answer = await raw(
          "POST",
          action,
          { ...base, "Content-Type": type, "Content-Length": String(body.length) },
          body,
        );
        count("wrong content type");
        if (answer.status !== 415)
          problem(`content type ${type}: ${visitor} ${action} answered ${answer.status}`);
      }
      const chunked = await raw(
        "POST",
        action,
        { ...base, "Content-Type": FORM, "Transfer-Encoding": "chunked" },
        "intent=add",
      );
      count("missing length");
      if (chunked.status !== 411)
        problem(`no Content-Length: ${visitor} ${action} answered ${chunked.status}`);
      const big = `intent=add&note=${"x".repeat(300 * 1024)}`;
      const oversized = await raw(
        "POST",
        action,
        { ...base, "Content-Type": FORM, "Content-Length": String(big.length) },
        big,
      );
      count("oversized body");
      if (oversized.status !== 413)
        problem(`300 KB form: ${visitor} ${action} answered ${oversized.status}`);
    }
    // a multipart body over 8 MB is refused from its declared length, before it is read
    for (const { action, cookie } of actions.slice(0, 4)) {
      const answer = await raw(
        "POST",
        action,
        {
          Origin: own(),
          Cookie: cookie || undefined,
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(20 * 1024 * 1024),
        },
        Buffer.alloc(64 * 1024, 0x61),
        { declaredOnly: true },
      );
      count("oversized body");
      if (answer.status !== 413) problem(`20 MB multipart: ${action} answered ${answer.status}`);
    }
    const changed = watcher.changedSince();
    watcher.close();
    expect(changed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("answers broken multipart bodies with a 4xx", async () => {
    const boundary = "----shanhai-security";
    const bodies: Array<[string, string]> = [
      ["no parts at all", "hello"],
      [
        "a part never closed",
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd`,
      ],
      [
        "a part without a name",
        `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nadd\r\n--${boundary}--\r\n`,
      ],
      [
        "another boundary",
        `--other\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd\r\n--other--\r\n`,
      ],
      ["headers that never end", `--${boundary}\r\nContent-Disposition: form-data; name="intent"`],
    ];
    const watcher = watchChanges();
    for (const [i, { action, cookie, visitor }] of readingBodies().entries()) {
      for (const [name, body] of bodies) {
        const answer = await raw(
          "POST",
          action,
          {
            Origin: own(),
            Cookie: cookie || undefined,
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
            "Content-Length": String(Buffer.byteLength(body)),
            "X-Forwarded-For": ip(i),
          },
          body,
        );
        count("malformed multipart");
        if (answer.status < 400 || answer.status >= 500) {
          problem(`multipart (${name}): ${visitor} ${action} answered ${answer.status}`);
        }
      }
    }
    const changed = watcher.changedSince();
    watcher.close();
    expect(changed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("takes invalid UTF-8 and NUL bytes in form bodies without a 5xx, storing no NUL", async () => {
    const bodies: Array<[string, string, Buffer]> = [
      [
        "invalid UTF-8",
        "escaped bytes",
        Buffer.from("intent=add&name=%FF%FE&nameZh=%C0%AF&street=%ED%A0%80&quantity=1"),
      ],
      [
        "invalid UTF-8",
        "raw bytes",
        Buffer.concat([
          Buffer.from("intent=add&name="),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from("&quantity=1"),
        ]),
      ],
      [
        "NUL bytes",
        "escaped NUL",
        Buffer.from("intent=add&name=a%00b&contactName=%00&quantity=1%00"),
      ],
      [
        "NUL bytes",
        "raw NUL",
        Buffer.concat([
          Buffer.from("intent=add&name=a"),
          Buffer.from([0]),
          Buffer.from("b&quantity=1"),
        ]),
      ],
    ];
    for (const [i, { action, cookie, visitor }] of readingBodies().entries()) {
      for (const [kind, name, body] of bodies) {
        const answer = await raw(
          "POST",
          action,
          {
            Origin: own(),
            Cookie: cookie || undefined,
            "Content-Type": FORM,
            "Content-Length": String(body.length),
            "X-Forwarded-For": ip(i),
          },
          body,
        );
        count(kind);
        if (answer.status >= 500)
          problem(`${name}: ${visitor} ${action} answered ${answer.status}`);
      }
    }
    expect(storedControlCharacters()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("answers URLs with bad bytes, NUL and huge lengths with a 4xx", async () => {
    const paths = [
      "/products/%FF",
      "/products/%00",
      "/products/%C0%AF",
      "/products/a%00.html",
      "/cooperatives/%E0%A4%A",
      "/counties/%ED%A0%80",
      "/collections/%FF%FE",
      "/orders/%ZZ",
      "/orders/SH-%00",
      `/orders/${world.order.number}%00`,
      "/certificates/%FF",
      "/coop/%FF/products",
      "/coop/shuobei-yak-coop/products/%00",
      "/coop/shuobei-yak-coop/shipments/1%00",
      "/aid/reviews/%FF",
      "/admin/orders/%00",
      "/pay/demo/%FF",
      "/reset-password?token=%FF%00",
      "/account/aid/certificate/%FF",
      "/products?q=%FF&county=%00&page=%C0%AF",
      "/aid/export.csv?period=%FF",
      `/products/${"a".repeat(9_000)}`,
      `/products?q=${"长".repeat(3_000)}`,
    ];
    const admin = clientFor(world, "admin");
    for (const path of paths) {
      const answer = await raw("GET", path, { Cookie: admin.cookieHeader() });
      count("bad URL bytes");
      if (answer.status < 400 && answer.status !== 200 && answer.status !== 302) {
        problem(`GET ${path.slice(0, 60)} answered ${answer.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps /media and the static folders from serving anything outside them", async () => {
    const key = "0123456789abcdef0123456789abcdef";
    const paths = [
      "/media/../../package.json",
      "/media/..%2f..%2fpackage.json",
      "/media/%2e%2e/%2e%2e/package.json",
      "/media/%252e%252e/%252e%252e/package.json",
      `/media/${key}/..%2f..%2fe2e.sqlite`,
      `/media/${key}/%2e%2e%2f%2e%2e%2fe2e.sqlite`,
      `/media/${key}/..%5c..%5ce2e.sqlite`,
      `/media/${key}/400.webp%00.png`,
      `/media/${key}/800.webp/../../../e2e.sqlite`,
      `/media/..%2f..%2f..%2fetc/passwd`,
      `/media/${key}/%2Fetc%2Fpasswd`,
      `/media/${key.toUpperCase()}/400.webp`,
      `/media/${key}/400.png`,
      `/media/${key}/.env`,
      "/build/..%2f..%2fpackage.json",
      "/build/%2e%2e/%2e%2e/package.json",
      "/build/_assets/..%252f..%252fpackage.json",
      "/..%2fpackage.json",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/images/..%2f..%2fserver%2findex.js",
      "/favicon.svg/..%2f..%2fpackage.json",
      "//etc/passwd",
      "/.env",
      "/package.json",
      "/server/index.js",
      "/build/index.js",
      "/data/shanhai.sqlite",
    ];
    const secrets = [
      /"name": "shanhai"/,
      /SQLite format 3/,
      /SESSION_SECRET/,
      /root:x:0:0/,
      /createRequestHandler/,
      /better-sqlite3/,
    ];
    for (const path of paths) {
      const answer = await raw("GET", path, {});
      count("path traversal");
      const text = answer.body.toString("latin1");
      const leaked = secrets.find((re) => re.test(text));
      if (leaked) problem(`GET ${path} answered ${answer.status} with ${leaked}`);
      if (answer.status === 200 && path.startsWith("/media/")) problem(`GET ${path} answered 200`);
    }
    expect(problems).toEqual([]);
  });

  it("leaves the database whole", async () => {
    expect(await integrityProblems()).toEqual([]);
  });
});
