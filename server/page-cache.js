// Pages that are the same for every anonymous visitor (the catalogue, a product, the home
// page) are rendered once per URL, language and day, and served from memory until a write
// changes what they show. Freshness is checked on every request against the database's
// page_versions counters (bumped by triggers in the writing transaction), so no process and
// no server ever serves a page staler than the database. ADR 031.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { BASE_HEADERS, HSTS, contentSecurityPolicyForScripts } from "./headers.js";

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
/** How long a request waits for another one already rendering the same page. */
const COALESCE_WAIT_MS = 5_000;

/** The sha256 of every inline script: what a shared copy's policy allows instead of a nonce. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || body.length === 0) continue;
    hashes.add(crypto.createHash("sha256").update(body, "utf8").digest("base64"));
  }
  return [...hashes];
}

/** The best encoding the client accepts of the two kept. */
export function pickEncoding(acceptEncoding) {
  if (!acceptEncoding) return null;
  const accepted = new Set();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

function matchesEtag(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/**
 * @param {object} options
 * @param {object} options.app  the build's `pageCache` export (app/utils/page-cache.server.ts)
 * @param {boolean} [options.development]
 * @param {boolean} [options.trustProxy]
 * @param {number} [options.maxBytes]  memory kept for pages (bodies and their encodings)
 */
export function createPageCache({ app, development = false, trustProxy = false, maxBytes }) {
  const limit = maxBytes ?? 64 * 1024 * 1024;
  /** key → entry, in least-recently-used order */
  const entries = new Map();
  /** key → promise settled when the request rendering that page is done */
  const rendering = new Map();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0, evicted: 0 };

  const isFresh = (entry, versions) => entry.scopes.every((s) => entry.versions[s] === versions[s]);

  function secure(req) {
    if (req.socket.encrypted) return true;
    return trustProxy && /^https\s*(,|$)/i.test(req.headers["x-forwarded-proto"] ?? "");
  }

  /** Writes a kept page (or a 304) on a plain node response. */
  function send(req, res, entry, state) {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (secure(req)) res.setHeader(...Object.entries(HSTS)[0]);
    res.setHeader("X-Page-Cache", state);
    if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const encoding = pickEncoding(req.headers["accept-encoding"]);
    const body = encoding ? entry[encoding] : entry.body;
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.statusCode = 200;
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function remember(key, entry) {
    const old = entries.get(key);
    if (old) {
      entries.delete(key);
      bytes -= old.size;
    }
    entries.set(key, entry);
    bytes += entry.size;
    stats.stored++;
    for (const [oldKey, oldest] of entries) {
      if (bytes <= limit) break;
      entries.delete(oldKey);
      bytes -= oldest.size;
      stats.evicted++;
    }
  }

  function hit(req, res, key, versions) {
    const entry = entries.get(key);
    if (!entry || !isFresh(entry, versions)) return false;
    entries.delete(key); // most recently used goes last
    entries.set(key, entry);
    stats.hits++;
    send(req, res, entry, "HIT");
    return true;
  }

  /**
   * Serves the request from the cache if it can. Otherwise marks it (req.pageCacheSlot) so
   * that `store` keeps what Remix renders for it, and returns false.
   */
  async function serve(req, res) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const cookie = req.headers.cookie;
    if (req.url.includes("_data=") || app.isPersonal(cookie)) return false;
    const key = `${await app.pageVariant(cookie)} ${req.url}`;
    let versions = await app.pageVersions();
    if (hit(req, res, key, versions)) return true;
    const pending = rendering.get(key);
    if (pending) {
      // The page went stale and someone is rendering it again: wait for that rather than
      // render it once per waiting visitor.
      await Promise.race([pending, new Promise((r) => setTimeout(r, COALESCE_WAIT_MS).unref())]);
      versions = await app.pageVersions();
      if (hit(req, res, key, versions)) return true;
    }
    stats.misses++;
    if (req.method !== "GET") return false;
    let settle = () => {};
    // Only a page kept before is awaited by others: a page that may not be shared (a form,
    // a 404) must not make its visitors queue behind one another.
    if (entries.has(key) && !rendering.has(key)) {
      let done;
      rendering.set(key, new Promise((resolve) => (done = resolve)));
      settle = () => {
        if (!done) return;
        rendering.delete(key);
        done();
        done = undefined;
      };
      res.once("close", settle);
    }
    req.pageCacheSlot = { key, versions, settle };
    return false;
  }

  /**
   * Called with what Remix answered. If the request was marked and the page may be shared,
   * keeps it and sends it; returns false when the caller should send the response itself.
   */
  async function store(req, res, response) {
    const scopes = response.headers.get(app.SCOPES_HEADER);
    const slot = req.pageCacheSlot;
    if (
      !scopes ||
      !slot ||
      response.status !== 200 ||
      response.headers.has("set-cookie") ||
      !response.body
    ) {
      return false;
    }
    // Without this request's nonce, a page renders to the same bytes in every process, so
    // its ETag holds whichever process answers the next request.
    const rendered = Buffer.from(await response.arrayBuffer()).toString("utf8");
    const nonce = res.locals?.cspNonce;
    const html = nonce ? rendered.replaceAll(` nonce="${nonce}"`, "") : rendered;
    const body = Buffer.from(html, "utf8");
    const etag = `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
    const headers = [
      ["Content-Type", response.headers.get("content-type") ?? "text/html; charset=utf-8"],
      ["Cache-Control", app.CACHE_CONTROL],
      ["CDN-Cache-Control", app.CDN_CACHE_CONTROL],
      ["Vary", "Cookie, Accept-Encoding"],
      ["ETag", etag],
      [
        "Content-Security-Policy",
        contentSecurityPolicyForScripts(inlineScriptHashes(html), { development }),
      ],
      ...Object.entries(BASE_HEADERS),
    ];
    const entry = {
      scopes: scopes.split(" "),
      versions: slot.versions,
      headers,
      etag,
      body,
      gzip: zlib.gzipSync(body, { level: 6 }),
      br: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 },
      }),
    };
    entry.size = entry.body.length + entry.gzip.length + entry.br.length;
    if (entry.size < limit / 4) remember(slot.key, entry);
    slot.settle();
    res.removeHeader("Content-Security-Policy");
    send(req, res, entry, "MISS");
    return true;
  }

  return { serve, store, stats, size: () => ({ entries: entries.size, bytes }) };
}
