// Each request's id (ADR 053): what the proxy in front sent, when we trust it and it looks
// like an id, else a new one. It goes back in X-Request-Id and on every log line.
import crypto from "node:crypto";

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * @param {string | string[] | undefined} header  the request's X-Request-Id
 * @param {boolean} trustProxy  TRUST_PROXY=1: the header comes from our own proxy
 */
export function requestIdOf(header, trustProxy) {
  if (trustProxy && typeof header === "string" && SANE_ID.test(header)) return header;
  return crypto.randomUUID();
}
