// Security headers on every response, and the per-request nonce the page's inline scripts
// carry (Remix writes its context and scroll restoration inline; nothing else may run).
import crypto from "node:crypto";

/** Where Stripe Checkout lives: the checkout form's answer redirects there. */
const STRIPE_CHECKOUT = "https://checkout.stripe.com";

export function contentSecurityPolicy(nonce, options) {
  return policyWithScripts(`'nonce-${nonce}'`, options);
}

/**
 * A page from the page cache is sent to many visitors, so it cannot carry one request's
 * nonce: its inline scripts are allowed by their hashes instead (server/page-cache.js).
 */
export function contentSecurityPolicyForScripts(hashes, options) {
  return policyWithScripts(hashes.map((h) => `'sha256-${h}'`).join(" "), options);
}

function policyWithScripts(inlineScripts, { development = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScripts}`,
    // React writes style attributes (chart bar heights, progress widths).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    `form-action 'self' ${STRIPE_CHECKOUT}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders({ development = false } = {}) {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce, { development }),
      ...BASE_HEADERS,
    });
    if (req.secure) res.set(HSTS);
    next();
  };
}

/** Every response's headers but the policy (per request, or per cached page). */
export const BASE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * Only over HTTPS (req.secure honours X-Forwarded-Proto with TRUST_PROXY=1): over plain
 * HTTP the header means nothing, and on localhost it would pin the demo to HTTPS.
 */
export const HSTS = { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" };
