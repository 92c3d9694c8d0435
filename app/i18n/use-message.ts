import { useTranslation } from "react-i18next";

/**
 * Translates a key that arrived as data (a domain error code, a zod message), falling back
 * to a generic message rather than showing the raw key.
 */
export function useMessage() {
  const { t, i18n } = useTranslation();
  return (
    key: string | null | undefined,
    params: Record<string, unknown> = {},
    fallback = "forms.invalid",
  ) => {
    const loose = t as unknown as (k: string, o?: Record<string, unknown>) => string;
    return loose(key && i18n.exists(key) ? key : fallback, params);
  };
}
