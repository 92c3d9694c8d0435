import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { asLocale } from "./i18n/config";
import { loadParts, partsFor } from "./i18n/messages";
import { I18nextProvider, liteI18n } from "./i18n/react-lite";

declare global {
  interface Window {
    /** the route modules of the first page, by route id (Remix's <Scripts> sets it) */
    __remixRouteModules?: Record<string, unknown>;
  }
}

async function hydrate() {
  // Fetches the catalogue parts of the page's language and routes only (a chunk each)
  // before hydrating, so the first render in the browser has the same text as the server's
  // and never shows a key. Parts for later pages load on navigation (react-lite.tsx).
  const locale = asLocale(document.documentElement.lang);
  await loadParts(locale, partsFor(Object.keys(window.__remixRouteModules ?? {})));
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={liteI18n(locale)}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
