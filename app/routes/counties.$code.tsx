import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCounty, productsWhere } from "~/domain/catalog/catalog.server";
import { parseFilters } from "~/domain/catalog/filters";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (_t, data) => data.county.name);

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const code = params.code ?? "";
  const { page } = parseFilters(new URL(request.url).searchParams);
  const { county, cooperatives, products } = await orHttpError(
    sharedRead(db, handle.pageCache, `county ${locale} ${code} ${page}`, async () => ({
      ...(await getCounty(db, code, locale)),
      products: await productsWhere(db, locale, { countyCode: code, page }),
    })),
  );
  return json(
    { county, cooperatives, products },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

export default function CountyPage() {
  const { county, cooperatives, products } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="origin-page">
      <header className="origin-page__head">
        <img
          src={`/images/counties/${county.code}.svg`}
          alt=""
          width={600}
          height={300}
          className="origin-page__img"
        />
        <div>
          <h1>{county.name}</h1>
          {county.pairedDistrict ? (
            <p className="origin-page__pair">
              {t("county.pairedWith", { district: county.pairedDistrict })}
            </p>
          ) : null}
          <p>{county.story}</p>
        </div>
      </header>
      <section className="section" aria-labelledby="coops-title">
        <h2 id="coops-title">{t("county.cooperatives")}</h2>
        <ul className="coop-list">
          {cooperatives.map((c) => (
            <li key={c.slug}>
              <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
              <span className="muted">
                {" "}
                · {t("product.farmersReached", { count: c.farmersReached })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="section" aria-labelledby="county-products">
        <h2 id="county-products">{t("county.products")}</h2>
        <ProductGrid products={products.items} />
        <Pagination page={products.page} pageCount={products.pageCount} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
