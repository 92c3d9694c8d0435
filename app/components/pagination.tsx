import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / "page 2 of 9" / next. Links keep every other query parameter. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("catalog.pagination")}>
      {page > 1 ? (
        <Link to={pageLink(page - 1)} rel="prev">
          {t("catalog.prev")}
        </Link>
      ) : null}
      <span aria-current="page">{t("catalog.pageOf", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={pageLink(page + 1)} rel="next">
          {t("catalog.next")}
        </Link>
      ) : null}
    </nav>
  );
}
