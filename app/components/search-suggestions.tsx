import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** "您是不是要找：草莓" — each suggestion a plain link to its own search (no JavaScript needed). */
export function SearchSuggestions({ suggestions }: { suggestions: string[] }) {
  const { t } = useTranslation();
  if (suggestions.length === 0) return null;
  return (
    <nav className="search-suggestions" aria-label={t("searchHelp.suggestions")}>
      <span>{t("searchHelp.didYouMean")}</span>
      <ul>
        {suggestions.map((s) => (
          <li key={s}>
            {/* a Chinese word offered on the English page is marked so (screen readers) */}
            <Link
              to={`/products?${new URLSearchParams({ q: s })}`}
              lang={/\p{Script=Han}/u.test(s) ? "zh-CN" : undefined}
            >
              {s}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
