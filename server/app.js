// One server process: Express around the Remix build, with the page cache in front. It
// exists (instead of remix-serve) to hand Remix the client's address, which per-IP login
// limits need, and to answer shared pages before Express and Remix see them.
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { ownOrigin, requestGuards } from "./guards.js";
import { securityHeaders } from "./headers.js";
import { createPageCache } from "./page-cache.js";
import { batchedStdout } from "./access-log.js";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);

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
if (process.env.NODE_ENV !== "test") app.use(morgan("tiny", { stream: batchedStdout() }));
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

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
// Shared pages are answered here, before Express: a kept page costs a lookup and a write.
const server = http.createServer(async (req, res) => {
  try {
    if (pageCache && mayBeAPage(req.url) && (await pageCache.serve(req, res))) return;
  } catch (error) {
    // The cache is an optimisation: if it fails (database busy, say), Remix answers.
    console.error("page cache", error);
  }
  app(req, res);
});
server.listen(port, host, async () => {
  console.log(`Shanhai listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  if (process.env.NODE_ENV === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
