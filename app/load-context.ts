import type { AppLoadContext } from "@remix-run/node";

/** What server/index.js passes to every loader and action. */
export interface ShanhaiContext {
  clientIp: string;
  /** the Content-Security-Policy nonce of this response (server/headers.js) */
  cspNonce: string;
  /** this request's id (server/request-id.js): in X-Request-Id and on its log lines */
  requestId: string;
}

export function clientIpOf(context: AppLoadContext): string {
  const ip = (context as Partial<ShanhaiContext>).clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

export function cspNonceOf(context: AppLoadContext): string | undefined {
  const nonce = (context as Partial<ShanhaiContext>).cspNonce;
  return typeof nonce === "string" && nonce ? nonce : undefined;
}

export function requestIdOf(context: AppLoadContext): string | undefined {
  const id = (context as Partial<ShanhaiContext>).requestId;
  return typeof id === "string" && id ? id : undefined;
}
