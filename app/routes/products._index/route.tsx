import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CERT_FILTERS, SORTS } from "~/domain/catalog/filters";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { SearchSuggestions } from "~/components/search-suggestions";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { loadCataloguePage } from "./catalogue-page.server";
import { pageMeta } from "~/utils/page-frame";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.products"),
    (t) => [{ name: "description", content: t("titles.productsDescription") }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request }: LoaderFunctionArgs) {
  return loadCataloguePage(request, handle.pageCache);
}

type CatalogData = SerializeFrom<typeof loader>;

export default function Products() {
  const { items, total, page, pageCount, filters, counties, categories, suggestions } =
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
        <>
          <SearchSuggestions suggestions={suggestions} />
          <ProductGrid products={items} headingLevel={2} />
        </>
      ) : (
        <div className="empty">
          <p>{t("catalog.empty")}</p>
          <SearchSuggestions suggestions={suggestions} />
          {filters.q ? <p className="empty__tip">{t("searchHelp.tip")}</p> : null}
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
      <FilterSelect
        name="county"
        label={t("catalog.county")}
        value={filters.county}
        options={counties.map((c) => ({ value: c.code, label: c.name }))}
      />
      <FilterSelect
        name="category"
        label={t("catalog.category")}
        value={filters.category}
        options={categories.map((c) => ({ value: c.code, label: c.name }))}
      />
      <FilterSelect
        name="cert"
        label={t("catalog.cert")}
        value={filters.cert}
        options={CERT_FILTERS.map((c) => ({ value: c, label: t(`cert.${c}`) }))}
      />
      <FilterSelect
        name="sort"
        label={t("catalog.sort")}
        value={filters.sort ?? "recommended"}
        options={SORTS.map((s) => ({ value: s, label: t(`catalog.sorts.${s}`) }))}
        anyOption={false}
      />
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

/** One filter as a labelled select; "all" (no filter) first unless the filter always holds a value. */
function FilterSelect({
  name,
  label,
  value,
  options,
  anyOption = true,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  anyOption?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""}>
        {anyOption ? <option value="">{t("catalog.all")}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
