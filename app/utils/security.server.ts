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

/** Only same-site paths, so a crafted link cannot bounce a shopper to another site. */
export function safeRedirectPath(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\")
  ) {
    return fallback;
  }
  return to;
}
