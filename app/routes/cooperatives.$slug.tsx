import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCooperative, productsWhere } from "~/domain/catalog/catalog.server";
import { parseFilters } from "~/domain/catalog/filters";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (_t, data) => data.coop.name);

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const slug = params.slug ?? "";
  const { page } = parseFilters(new URL(request.url).searchParams);
  const { coop, products } = await orHttpError(
    sharedRead(db, handle.pageCache, `cooperative ${locale} ${slug} ${page}`, async () => {
      const coop = await getCooperative(db, slug, locale);
      const products = await productsWhere(db, locale, { cooperativeId: coop.id, page });
      return { coop, products };
    }),
  );
  return json(
    { coop, products },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

export default function CooperativePage() {
  const { coop, products } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="origin-page">
      <nav aria-label={t("layout.breadcrumb")} className="breadcrumb">
        <Link to={`/counties/${coop.countyCode}`}>{coop.countyName}</Link> /{" "}
        <span aria-current="page">{coop.name}</span>
      </nav>
      <h1>{coop.name}</h1>
      <p className="muted">
        {t(`coopKind.${coop.kind}`)} · {t("coop.founded", { year: coop.foundedYear })}
        {coop.pairedDistrict
          ? ` · ${t("county.pairedWith", { district: coop.pairedDistrict })}`
          : ""}
      </p>
      <p>{coop.story}</p>
      <p className="coop-box__farmers">
        {t("product.farmersReached", { count: coop.farmersReached })}
      </p>
      <section className="section" aria-labelledby="coop-products">
        <h2 id="coop-products">{t("coop.products")}</h2>
        <ProductGrid products={products.items} />
        <Pagination page={products.page} pageCount={products.pageCount} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
