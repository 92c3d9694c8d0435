import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { getLocale } from "./i18n/locale.server";
import { serverI18n } from "./i18n/i18n";
import { getDb } from "./utils/db.server";
import { env } from "./utils/env.server";
import { renderHtml } from "./utils/render-html.server";
import { log } from "./utils/log.server";
import { cspNonceOf, requestIdOf } from "./load-context";
import { NonceProvider } from "./utils/nonce";
import {
  CACHE_CONTROL,
  CDN_CACHE_CONTROL,
  SCOPES_HEADER,
  isPersonal,
  pageCacheScopes,
  pageVariant,
  pageVersions,
} from "./utils/page-cache.server";

/** For the server's page cache (server/page-cache.js), which runs before Remix. */
export const pageCache = {
  SCOPES_HEADER,
  CACHE_CONTROL,
  CDN_CACHE_CONTROL,
  isPersonal,
  pageVariant,
  pageVersions,
};

export { operations } from "./utils/operations.server";

// Validate configuration and open (migrate, sweep) the database when the server starts,
// not on the first request.
env();
void getDb();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = cspNonceOf(loadContext);
  const locale = await getLocale(request);
  const i18n = await serverI18n(locale);
  // h4 (issue 11): the page is rendered to one string (render-html.server.ts says why).
  const body = renderHtml(
    <NonceProvider value={nonce ?? ""}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} />
      </I18nextProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const scopes = responseStatusCode === 200 ? pageCacheScopes(remixContext) : null;
  if (scopes) responseHeaders.set(SCOPES_HEADER, scopes.join(" "));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return;
  log.error("request failed", error, { requestId: requestIdOf(context) });
}
