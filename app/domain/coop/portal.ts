import type { Locale } from "~/i18n/config";

/** A cooperative as the portal's pages name it, in the page's language. */
export function portalCooperative(
  cooperative: { slug: string; name_zh: string; name_en: string },
  locale: Locale,
) {
  return {
    slug: cooperative.slug,
    name: locale === "en" ? cooperative.name_en : cooperative.name_zh,
  };
}
