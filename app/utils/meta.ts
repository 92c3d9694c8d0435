// Page titles in the visitor's language. `meta` runs on the server and again in the browser,
// outside React, so it cannot use the useTranslation hook: it reads the locale from the root
// loader's data and translates with a fixed i18next instance per language.
import { isRouteErrorResponse, type MetaDescriptor } from "@remix-run/react";
import i18next, { type TFunction } from "i18next";
import { asLocale, type Locale } from "~/i18n/config";
import { resources } from "~/i18n/i18n";

const translators = new Map<Locale, TFunction>();

export function translatorFor(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    // Resources are in memory, so initialisation can finish before init() returns.
    void instance.init({
      lng: locale,
      fallbackLng: "zh-CN",
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    t = instance.getFixedT(locale);
    translators.set(locale, t);
  }
  return t;
}

interface MatchLike {
  id: string;
  data?: unknown;
}

/** The language the root loader chose for this request. */
export function localeOf(matches: readonly MatchLike[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return asLocale(root?.locale);
}

/** The heading an error page shows for an error: not found, not allowed, bad request, or ours. */
export function errorTitleKey(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return "errors.notFoundTitle" as const;
  if (status === 403) return "errors.forbiddenTitle" as const;
  if (status < 500) return "errors.badRequestTitle" as const;
  return "errors.serverTitle" as const;
}

/**
 * A page's <title> (with the brand) and its other meta tags, in the visitor's language.
 * While an error boundary shows, the title names the error instead.
 */
export function pageMeta<Data>(
  args: { data: Data | undefined; matches: readonly MatchLike[]; error?: unknown },
  title: (t: TFunction, data: Data) => string,
  more: (t: TFunction, data: Data) => MetaDescriptor[] = () => [],
): MetaDescriptor[] {
  const t = translatorFor(localeOf(args.matches));
  // Remix passes `error: undefined` (or null) while no boundary shows.
  if (args.error != null) {
    return [{ title: t("titles.withBrand", { title: t(errorTitleKey(args.error)) }) }];
  }
  // Without an error, data is missing only on a route that has no loader.
  const data = args.data as Data;
  return [{ title: t("titles.withBrand", { title: title(t, data) }) }, ...more(t, data)];
}

export const NOINDEX: MetaDescriptor = { name: "robots", content: "noindex" };
