import { useTranslation } from "react-i18next";

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
