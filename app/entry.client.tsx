import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { asLocale } from "./i18n/config";
import { createI18n } from "./i18n/i18n";

async function hydrate() {
  // Fetches the page's language only (its own chunk) before hydrating, so the first render
  // in the browser has the same text as the server's and never shows a key.
  const i18n = await createI18n(asLocale(document.documentElement.lang));
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
