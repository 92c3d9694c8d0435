// Refusals that come before Remix sees a request. Remix's own cross-site check throws (a 500)
// for a foreign Origin before any action's guard runs, and a body in an unexpected shape
// fails inside `request.formData()`: both are the sender's mistake, so they get a 4xx here.

/** Forms are small; pictures (≤ 5 MB each) come as multipart. */
export const MAX_FORM_BYTES = 256 * 1024;
export const MAX_MULTIPART_BYTES = 8 * 1024 * 1024;

/** Paths that take other bodies and check their own senders (Stripe signs its events). */
const OWN_CHECKS = new Set(["/webhooks/stripe"]);

const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const MULTIPART = /^multipart\/form-data\s*;.*\bboundary=("[^"]+"|[^\s;]+)/i;

function refuse(res, status, message, headers = {}) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(`${message}\n`);
}

/** The origin this request was sent to, as the browser saw it. */
export function ownOrigin(req, trustProxy) {
  if (trustProxy) {
    const host = (req.get("x-forwarded-host") ?? req.get("host") ?? "").split(",")[0].trim();
    return `${req.protocol}://${host}`;
  }
  return `${req.socket.encrypted ? "https" : "http"}://${req.get("host") ?? ""}`;
}

/**
 * Whether a state-changing request comes from one of our own pages. Browsers send Origin
 * on every POST (Referer where an old one does not); a request with neither, or "null"
 * (sandboxed frames, some redirects), is not from a page of ours.
 */
export function isSameOrigin(req, trustProxy) {
  const origin = req.get("origin");
  const source = origin ?? req.get("referer");
  if (!source || source === "null") return false;
  try {
    return new URL(source).origin === ownOrigin(req, trustProxy);
  } catch {
    return false;
  }
}

export function requestGuards({ trustProxy = false } = {}) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (OWN_CHECKS.has(req.path)) return next();
    if (req.method !== "POST") {
      return refuse(res, 405, "Method not allowed", { Allow: "GET, HEAD, POST" });
    }
    if (!isSameOrigin(req, trustProxy)) return refuse(res, 403, "Cross-origin request refused");
    const type = req.get("content-type") ?? "";
    const multipart = MULTIPART.test(type);
    if (!multipart && !URLENCODED.test(type)) {
      return refuse(
        res,
        415,
        "Send forms as application/x-www-form-urlencoded or multipart/form-data with a boundary",
      );
    }
    const declared = req.get("content-length");
    if (declared === undefined || !/^\d+$/.test(declared)) {
      return refuse(res, 411, "Content-Length required");
    }
    if (Number(declared) > (multipart ? MAX_MULTIPART_BYTES : MAX_FORM_BYTES)) {
      // The body is not read: close the connection rather than drain megabytes.
      res.set("Connection", "close");
      return refuse(res, 413, "Request too large");
    }
    return next();
  };
}
