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
  });
  return instance;
}
