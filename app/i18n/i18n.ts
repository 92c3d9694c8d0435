import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES, type Locale } from "./config";
import type { Messages } from "./zh-CN";

// Each catalogue is imported only when asked for, so the browser bundle makes one chunk per
// language and a page downloads the one it shows (entry.client loads it before hydrating).
// The server bundle inlines both and loads them all (serverI18n).
const catalogues: Record<Locale, () => Promise<{ default: Messages }>> = {
  "zh-CN": () => import("./zh-CN"),
  en: () => import("./en"),
};

/**
 * The catalogues loaded so far, as i18next resources. Page titles (utils/meta.ts) translate
 * with them synchronously: the browser has the page's language before hydrating, the server
 * every language before rendering.
 */
export const resources: { [L in Locale]?: { translation: Messages } } = {};

export async function loadMessages(locale: Locale): Promise<void> {
  if (!resources[locale]) resources[locale] = { translation: (await catalogues[locale]()).default };
}

/** One i18next instance in a language, its catalogue loaded first. */
export async function createI18n(locale: Locale): Promise<I18n> {
  await loadMessages(locale);
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: "zh-CN",
    resources,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false, // keeps the server log to what the store says
  });
  return instance;
}

const serverInstances = new Map<Locale, Promise<I18n>>();

/**
 * On the server an instance never changes language, so one per locale can be shared by
 * every request instead of initialising i18next each time. Every catalogue is loaded first,
 * for the fallback language and for page titles in any language.
 */
export function serverI18n(locale: Locale): Promise<I18n> {
  let instance = serverInstances.get(locale);
  if (!instance) {
    instance = Promise.all(LOCALES.map(loadMessages)).then(() => createI18n(locale));
    serverInstances.set(locale, instance);
  }
  return instance;
}
