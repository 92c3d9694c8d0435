import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "./config";
import en from "./en";
import zhCN from "./zh-CN";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

/** One instance per server request (and one in the browser), with both catalogues in memory. */
export async function createI18n(locale: Locale): Promise<I18n> {
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
 * every request instead of initialising i18next each time.
 */
export function serverI18n(locale: Locale): Promise<I18n> {
  let instance = serverInstances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    serverInstances.set(locale, instance);
  }
  return instance;
}
