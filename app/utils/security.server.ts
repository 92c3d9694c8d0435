/**
 * Refuses state-changing requests sent by another site's page. Browsers always send
 * Origin on cross-site POSTs; requests without Origin or Referer come from non-browser
 * clients, which cannot carry a victim's cookies (the server in front refuses them too).
 * The request's URL carries the origin the browser used (scheme included): the server
 * builds it from Host, or from X-Forwarded-* only when TRUST_PROXY=1.
 */
export function requireSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!source) return;
  let sourceOrigin: string;
  try {
    sourceOrigin = new URL(source).origin;
  } catch {
    throw new Response("Cross-origin request refused", { status: 403 });
  }
  // "null" parses to the opaque origin "null", which never matches.
  if (sourceOrigin !== new URL(request.url).origin) {
    throw new Response("Cross-origin request refused", { status: 403 });
  }
}

const REDIRECT_BASE = "http://shanhai.invalid";

/**
 * Only same-site paths, so a crafted link cannot bounce a shopper to another site. Printable
 * ASCII only: browsers drop tabs and newlines from a Location (`/<TAB>/evil` becomes
 * `//evil`), treat `\\` as `/`, and a non-ASCII header value fails outright.
 */
export function safeRedirectPath(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (typeof to !== "string" || !/^\/[\x21-\x7e]*$/.test(to)) return fallback;
  if (to.startsWith("//") || to.includes("\\")) return fallback;
  try {
    if (new URL(to, REDIRECT_BASE).origin !== REDIRECT_BASE) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
