export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function asLocale(value: unknown): Locale {
  return LOCALES.includes(value as Locale) ? (value as Locale) : DEFAULT_LOCALE;
}

/** Which of a row's two text columns (`name_zh`, `name_en`…) a locale reads. */
export function lang(locale: Locale | undefined): "zh" | "en" {
  return locale === "en" ? "en" : "zh";
}
