import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCollection, productsWhere } from "~/domain/catalog/catalog.server";
import { parseFilters } from "~/domain/catalog/filters";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (_t, data) => data.collection.name,
    (_t, data) => [{ name: "description", content: data.collection.intro }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const slug = params.slug ?? "";
  const { page } = parseFilters(new URL(request.url).searchParams);
  const { collection, products } = await orHttpError(
    sharedRead(db, handle.pageCache, `collection ${locale} ${slug} ${page}`, async () => {
      const collection = await getCollection(db, slug, locale);
      const products = await productsWhere(db, locale, {
        collectionSlug: collection.slug,
        certifiedOnly: collection.certifiedOnly,
        page,
      });
      return { collection, products };
    }),
  );
  return json(
    { collection, products },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

export default function CollectionPage() {
  const { collection, products } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="collection-page">
      <header className={`collection-banner collection-banner--${collection.slug}`}>
        <h1>{collection.name}</h1>
        <p>{collection.intro}</p>
      </header>
      <p className="catalog__count">{t("catalog.count", { count: products.total })}</p>
      <ProductGrid products={products.items} headingLevel={2} />
      <Pagination page={products.page} pageCount={products.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
