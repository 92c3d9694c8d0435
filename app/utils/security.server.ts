/**
 * Refuses state-changing requests sent by another site's page. Browsers always send
 * Origin on cross-site POSTs; requests without Origin or Referer come from non-browser
 * clients, which cannot carry a victim's cookies, and are let through.
 */
export function requireSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!source || source === "null") {
    if (source === "null") throw new Response("Cross-origin request refused", { status: 403 });
    return;
  }
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    throw new Response("Cross-origin request refused", { status: 403 });
  }
  const host =
    request.headers.get("X-Forwarded-Host") ??
    request.headers.get("Host") ??
    new URL(request.url).host;
  if (sourceHost !== host) throw new Response("Cross-origin request refused", { status: 403 });
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
