import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCategories, listCounties, listProducts } from "~/domain/catalog/catalog.server";
import { CERT_FILTERS, parseFilters, SORTS } from "~/domain/catalog/filters";
import { ProductGrid } from "~/components/product-card";
import { PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.products"),
    (t) => [{ name: "description", content: t("titles.productsDescription") }],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const filters = parseFilters(new URL(request.url).searchParams);
  const [result, counties, categories] = await Promise.all([
    listProducts(db, filters, locale),
    listCounties(db, locale),
    listCategories(db, locale),
  ]);
  return json(
    { ...result, filters, counties, categories },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

type CatalogData = SerializeFrom<typeof loader>;

export default function Products() {
  const { items, total, page, pageCount, filters, counties, categories } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="catalog">
      <h1>{filters.q ? t("catalog.resultsFor", { q: filters.q }) : t("catalog.title")}</h1>
      <CatalogFilters filters={filters} counties={counties} categories={categories} />
      <p className="catalog__count" role="status">
        {t("catalog.count", { count: total })}
      </p>
      {items.length ? (
        <ProductGrid products={items} headingLevel={2} />
      ) : (
        <div className="empty">
          <p>{t("catalog.empty")}</p>
          <Link to="/products">{t("catalog.clear")}</Link>
        </div>
      )}
      {pageCount > 1 ? <Pagination page={page} pageCount={pageCount} /> : null}
    </div>
  );
}

/** Each change submits at once; without JavaScript the apply button does it. */
function CatalogFilters({
  filters,
  counties,
  categories,
}: Pick<CatalogData, "filters" | "counties" | "categories">) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className="filters"
      aria-label={t("catalog.filters")}
      onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}
    >
      {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
      <label>
        <span>{t("catalog.county")}</span>
        <select name="county" defaultValue={filters.county ?? ""}>
          <option value="">{t("catalog.all")}</option>
          {counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("catalog.category")}</span>
        <select name="category" defaultValue={filters.category ?? ""}>
          <option value="">{t("catalog.all")}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("catalog.cert")}</span>
        <select name="cert" defaultValue={filters.cert ?? ""}>
          <option value="">{t("catalog.all")}</option>
          {CERT_FILTERS.map((c) => (
            <option key={c} value={c}>
              {t(`cert.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("catalog.sort")}</span>
        <select name="sort" defaultValue={filters.sort ?? "recommended"}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`catalog.sorts.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="inStock" value="1" defaultChecked={filters.inStock} />
        <span>{t("catalog.inStock")}</span>
      </label>
      <noscript>
        <button type="submit" className="button button--small">
          {t("catalog.apply")}
        </button>
      </noscript>
    </Form>
  );
}

/** Links keep every other query parameter and change only `page`. */
function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
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
