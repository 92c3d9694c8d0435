// One server process: Express around the Remix build, with the page cache in front. It
// exists (instead of remix-serve) to hand Remix the client's address, which per-IP login
// limits need, and to answer shared pages before Express and Remix see them.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { ownOrigin, requestGuards } from "./guards.js";
import { securityHeaders } from "./headers.js";
import { createPageCache } from "./page-cache.js";
import { requestIdOf } from "./request-id.js";
import { routeLabeller } from "./route-label.js";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
// The log, metrics registry, readiness and database of the app's own module graph (ADR 053):
// the server counts into the registry the domain counts into, and logs as the app does.
const ops = build.entry.module.operations;
const { log } = ops;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY=1 makes req.ip the client from X-Forwarded-For, and
// the request's origin the one the proxy was asked for (X-Forwarded-Proto/-Host).
const trustProxy = process.env.TRUST_PROXY === "1";
if (trustProxy) app.set("trust proxy", 1);
app.use(securityHeaders({ development: process.env.NODE_ENV === "development" }));
app.use(compression());
/** Files (build assets, pictures, robots.txt) have an extension; pages do not. */
const mayBeAPage = (url) => !url.startsWith("/build/") && !/^[^?]*\.[a-z0-9]+(\?|$)/i.test(url);

// Fingerprinted build assets never change; everything else in public/ may. A page's path
// skips the file lookup (a failed stat per request).
app.use(
  "/build",
  express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }),
);
const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
app.use((req, res, next) => (mayBeAPage(req.url) ? next() : publicFiles(req, res, next)));
app.use(requestGuards({ trustProxy }));

const handle = createRequestHandler(build, build.mode);
const pageCache =
  process.env.PAGE_CACHE === "0" || process.env.NODE_ENV === "development"
    ? null
    : createPageCache({
        app: build.entry.module.pageCache,
        development: process.env.NODE_ENV === "development",
        trustProxy,
      });

/** The Express request as a Fetch Request, aborted if the client goes away. */
function toRequest(req, res) {
  const controller = new AbortController();
  // Only a client that left before the answer was sent aborts (an abort builds an error).
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(`${ownOrigin(req, trustProxy)}${req.originalUrl}`, init);
}

// The body is piped with backpressure (pipeline waits for the client to drain), so a long
// export to a slow client does not pile up in memory; @remix-run/express writes without
// waiting.
app.all("*", async (req, res, next) => {
  try {
    const response = await handle(toRequest(req, res), {
      clientIp: req.ip ?? "unknown",
      cspNonce: res.locals.cspNonce,
      requestId: req.requestId,
    });
    if (pageCache && (await pageCache.store(req, res, response))) return;
    response.headers.delete("x-page-cache-scopes");
    res.statusMessage = response.statusText;
    res.status(response.status);
    // A route's own header replaces the server's (the picture route's stricter CSP); set,
    // not append, or both go out ("nosniff, nosniff", two policies).
    for (const [key, value] of response.headers) {
      if (key.toLowerCase() !== "set-cookie") res.set(key, value);
    }
    for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
    if (!response.body || req.method === "HEAD") {
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body), res);
  } catch (error) {
    if (res.headersSent) res.destroy(error);
    else next(error);
  }
});

// Express's own refusals, such as a path with broken %-escapes (a URIError it marks 400),
// are the sender's mistake: answered plainly, without a stack trace in the log per request.
app.use((error, req, res, next) => {
  const status = error?.status ?? error?.statusCode;
  if (res.headersSent || !(status >= 400 && status < 500)) return next(error);
  res.status(status).set("Content-Type", "text/plain; charset=utf-8").end("Bad request\n");
});
// Anything else is ours: one JSON line with the stack, and a plain 500.
app.use((error, req, res, _next) => {
  log.error("request failed", error);
  if (res.headersSent) return res.destroy();
  res.status(500).set("Content-Type", "text/plain; charset=utf-8").end("Internal server error\n");
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const quiet = process.env.NODE_ENV === "test";
const metricsToken = process.env.METRICS_TOKEN ? Buffer.from(`Bearer ${process.env.METRICS_TOKEN}`) : null; // prettier-ignore
const graceMs = 1000 * (Number(process.env.SHUTDOWN_GRACE_SECONDS) || 10);
const labelRoute = routeLabeller(build.routes);
/** Responses being written: a shutdown waits for them (and tells them to close). */
const inFlight = new Set();
let shuttingDown = false;

const METHODS = new Set(["GET", "HEAD", "POST"]);
const OPERATIONS = new Set(["/healthz", "/readyz", "/metrics"]);

/** The access log line and the request's duration, once it is answered (or abandoned). */
function recordRequest(req, res, started) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cacheHeader = res.getHeader("X-Page-Cache");
  const labels = {
    route: labelRoute(req.url),
    method: METHODS.has(req.method) ? req.method : "OTHER",
    status: String(res.statusCode),
    cache: cacheHeader ? String(cacheHeader).toLowerCase() : "none",
  };
  ops.metrics.httpDuration.observe(labels, seconds);
  if (quiet) return;
  const fields = {
    requestId: req.requestId,
    method: req.method,
    // the path without its query: links carry order access tokens and reset codes
    path: req.url.split("?")[0],
    status: res.statusCode,
    durationMs: Math.round(seconds * 10_000) / 10,
    route: labels.route,
    cache: labels.cache,
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  if (res.statusCode >= 500) log.error("request", undefined, fields);
  else log.info("request", fields);
}

/** Liveness, readiness and metrics: answered before anything else, never cached or logged. */
async function answerOperations(req, res, pathname) {
  res.setHeader("Cache-Control", "no-store");
  if (pathname === "/healthz") {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" }).end("ok");
    return;
  }
  if (pathname === "/readyz") {
    const check = shuttingDown
      ? { ready: false, reason: "shutting down" }
      : await ops.checkDatabase(1_000);
    res.writeHead(check.ready ? 200 : 503, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ database: check.ready ? "ok" : check.reason }));
    return;
  }
  // /metrics: only for the scraper that holds METRICS_TOKEN; everyone else sees nothing here
  const sent = Buffer.from(req.headers.authorization ?? "");
  if (
    !metricsToken ||
    sent.length !== metricsToken.length ||
    !crypto.timingSafeEqual(sent, metricsToken)
  ) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  const body = await ops.metricsText();
  res.writeHead(200, { "Content-Type": ops.metrics.registry.contentType }).end(body);
}

async function serve(req, res) {
  const pathname = req.url.split("?")[0];
  if (OPERATIONS.has(pathname)) return answerOperations(req, res, pathname);
  const started = process.hrtime.bigint();
  inFlight.add(res);
  res.once("close", () => {
    inFlight.delete(res);
    recordRequest(req, res, started);
    if (shuttingDown) server.closeIdleConnections();
  });
  try {
    // Shared pages are answered here, before Express: a kept page costs a lookup and a write.
    if (pageCache && mayBeAPage(req.url) && (await pageCache.serve(req, res))) return;
  } catch (error) {
    // The cache is an optimisation: if it fails (database busy, say), Remix answers.
    log.error("page cache failed", error);
  }
  app(req, res);
}

const server = http.createServer((req, res) => {
  const requestId = requestIdOf(req.headers["x-request-id"], trustProxy);
  req.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  // a keep-alive client is told to go elsewhere while this process stops
  if (shuttingDown) res.setHeader("Connection", "close");
  ops.withRequestScope({ requestId }, () =>
    serve(req, res).catch((error) => {
      log.error("request failed", error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }),
  );
});
server.listen(port, host, async () => {
  const shown = host === "0.0.0.0" ? "localhost" : host;
  log.info(`Shanhai listening on http://${shown}:${port}`, { pid: process.pid });
  if (process.env.NODE_ENV === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }
});

/**
 * SIGTERM/SIGINT (and, in a cluster worker, the primary going away): readiness fails at
 * once, no new connections are taken, requests being served finish (for up to
 * SHUTDOWN_GRACE_SECONDS), idle keep-alive connections are closed, then the database, and
 * the process exits 0 (1 if the grace ran out and requests were cut).
 */
async function shutdown(reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info("shutting down", { reason, inFlight: inFlight.size, graceSeconds: graceMs / 1000 });
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  const drained = new Promise((resolve) => server.close(() => resolve(true)));
  server.closeIdleConnections();
  let timer;
  const graceOver = new Promise((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const clean = await Promise.race([drained, graceOver]);
  clearTimeout(timer);
  if (!clean) {
    log.warn("shutdown grace over; cutting requests", { inFlight: inFlight.size });
    server.closeAllConnections();
  }
  try {
    await ops.closeDatabase();
  } catch (error) {
    log.error("closing the database failed", error);
  }
  log.info("stopped", { clean });
  ops.flushLog();
  process.exit(clean ? 0 : 1);
}
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => void shutdown(signal));
