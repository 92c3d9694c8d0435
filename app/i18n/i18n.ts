import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES, type Locale } from "./config";
import en from "./en";
import { addCatalogue, hasMessage, translatorFor } from "./messages";
import zhCN from "./zh-CN";

// The server side. The browser never imports this module: it loads catalogue parts
// (messages.ts) and gets react-lite.tsx for react-i18next.

const whole: Record<Locale, object> = { "zh-CN": zhCN, en };

/** An i18next instance as the app configures it, every catalogue in memory. */
export function createI18next(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: "zh-CN",
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: whole[l] }])),
    initAsync: false, // resources are in memory: ready when init() returns
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false, // keeps the server log to what the store says
  });
  return instance;
}

let loaded = false;
function loadAll() {
  if (loaded) return;
  for (const locale of LOCALES) addCatalogue(locale, whole[locale]);
  loaded = true;
}

const serverInstances = new Map<Locale, I18n>();

/**
 * On the server an instance never changes language, so one per locale is shared by every
 * request. react-i18next's useTranslation() asks it for a fixed t() on every render
 * (getFixedT) and i18next resolves each key through its language hierarchy, which was most
 * of a page's translation time: here t() and getFixedT() hand out the store's own
 * translator instead (translate.ts, a flat map per language, the same strings, as the i18n
 * tests check for every key), and hasLoadedNamespace says yes, as everything is loaded.
 */
export async function serverI18n(locale: Locale): Promise<I18n> {
  let instance = serverInstances.get(locale);
  if (!instance) {
    loadAll();
    instance = createI18next(locale);
    const fast = translatorFor(locale);
    const t = fast as unknown as I18n["t"];
    const getFixedT = instance.getFixedT.bind(instance) as (...args: unknown[]) => unknown;
    instance.getFixedT = ((lng: unknown, ns?: unknown, keyPrefix?: unknown) =>
      (lng == null || lng === locale) && (ns == null || ns === "translation") && !keyPrefix
        ? t
        : getFixedT(lng, ns, keyPrefix)) as I18n["getFixedT"];
    const slowT = instance.t.bind(instance) as (key: unknown, options?: unknown) => string;
    // Only for calls in the instance's own language and namespace; anything else to i18next.
    instance.t = ((key: unknown, options?: Record<string, unknown>) =>
      typeof key === "string" &&
      (options == null ||
        ((options.lng == null || options.lng === locale) &&
          options.ns == null &&
          options.keyPrefix == null &&
          options.defaultValue === undefined))
        ? fast(key, options)
        : slowT(key, options)) as I18n["t"];
    instance.exists = ((key: string) => hasMessage(locale, key)) as I18n["exists"];
    instance.hasLoadedNamespace = () => true;
    serverInstances.set(locale, instance);
  }
  return instance;
}
