// Code every page's browser bundle holds anyway: page titles, the error page and
// useHydrated (root.tsx uses them), and useMessage (most pages use it: forms, add to cart).
// One module, so one browser chunk rather than four tiny ones on every page (issue 11's
// JavaScript budget). ./meta, ./use-hydrated, ~/components/error-boundary and
// ~/i18n/use-message re-export from here, so existing imports keep working.
//
// Page titles in the visitor's language. `meta` runs on the server and again in the browser,
// outside React, so it cannot use the useTranslation hook: it reads the locale from the root
// loader's data and translates with the store's t() for that language (i18n/translate.ts).
import { isRouteErrorResponse, Link, useRouteError, type MetaDescriptor } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { asLocale, type Locale } from "~/i18n/config";
import { translatorFor as messagesTranslator } from "~/i18n/messages";

/**
 * The t() of a language, typed as i18next's. It reads the messages loaded so far: in the
 * browser the page's parts are loaded before hydrating (titles are in the storefront's
 * part), on the server every catalogue.
 */
export function translatorFor(locale: Locale): TFunction {
  return messagesTranslator(locale) as unknown as TFunction;
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

/** False on the server and in the first browser render; true once React runs the page. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The one error page: 404s and refusals get a clear word; anything else a calm apology. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  const title = t(errorTitleKey(error));
  const body =
    status === 404
      ? t("errors.notFoundBody")
      : status < 500
        ? t("errors.badRequestBody")
        : t("errors.serverBody");
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link className="button" to="/products">
          {t("errors.backToShop")}
        </Link>
      </p>
    </section>
  );
}

/** t() for a key built from data, which the typed catalogue cannot check at compile time. */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The translator with its key type loosened, for keys that arrive as data (a status, a
 * dimension value, a domain error code). The one place that widens the typed t(): every
 * such key is still looked up in the catalogue, and callers check `i18n.exists` where a
 * key may be missing.
 */
export function useLooseTranslation(): { t: LooseT; exists: (key: string) => boolean } {
  const { t, i18n } = useTranslation();
  // i18next's typed t() only accepts literal catalogue keys; these keys are computed
  return { t: t as unknown as LooseT, exists: (key) => i18n.exists(key) };
}

/**
 * Translates a key that arrived as data (a domain error code, a zod message), falling back
 * to a generic message rather than showing the raw key.
 */
export function useMessage() {
  const { t, exists } = useLooseTranslation();
  return (
    key: string | null | undefined,
    params: Record<string, unknown> = {},
    fallback = "forms.invalid",
  ) => t(key && exists(key) ? key : fallback, params);
}
