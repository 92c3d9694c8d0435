// What the browser gets for `import … from "react-i18next"` (package.json "browser" maps the
// name here, so no call site changes): useTranslation() and I18nextProvider over the store's
// own t() (translate.ts) instead of i18next and react-i18next, about 15 KB gzipped less.
// Only what the app uses is here; the server keeps react-i18next over i18next (i18n.ts).
//
// useTranslation() also makes sure the catalogue parts of the routes on screen are loaded:
// entry.client loads those of the first page before hydrating, and on a client navigation
// to a route that needs another part the hook suspends while it loads. Remix renders
// navigations in a transition (v7_startTransition), so the old page stays until then.
import { useMatches } from "@remix-run/react";
import { createContext, createElement, useContext, type ReactNode } from "react";
import { asLocale, type Locale } from "./config";
import { hasMessage, hasParts, loadParts, partsFor, translatorFor } from "./messages";
import type { Translate } from "./translate";

export interface LiteI18n {
  language: Locale;
  t: Translate;
  exists: (key: string) => boolean;
}

const instances = new Map<Locale, LiteI18n>();

/** The browser's stand-in for an i18next instance: the language, its t() and exists(). */
export function liteI18n(locale: Locale): LiteI18n {
  let i18n = instances.get(locale);
  if (!i18n) {
    i18n = {
      language: locale,
      t: translatorFor(locale),
      exists: (key) => hasMessage(locale, key),
    };
    instances.set(locale, i18n);
  }
  return i18n;
}

const I18nContext = createContext<LiteI18n | null>(null);

export function I18nextProvider({ i18n, children }: { i18n: LiteI18n; children?: ReactNode }) {
  return createElement(I18nContext.Provider, { value: i18n }, children);
}

/** react-i18next's hook as the app calls it: `const { t, i18n } = useTranslation()`. */
export function useTranslation() {
  const i18n = useContext(I18nContext) ?? liteI18n(asLocale(undefined));
  const parts = partsFor(useMatches().map((m) => m.id));
  // Suspends (a navigation keeps showing the old page) until the parts are in.
  if (!hasParts(i18n.language, parts)) throw loadParts(i18n.language, parts);
  const result = [i18n.t, i18n, true] as unknown as [Translate, LiteI18n, boolean] & {
    t: Translate;
    i18n: LiteI18n;
    ready: boolean;
  };
  result.t = i18n.t;
  result.i18n = i18n;
  result.ready = true;
  return result;
}

/** i18next's plugin hook; nothing to register here. */
export const initReactI18next = { type: "3rdParty", init() {} };
