import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductBuyerReviews } from "~/components/buyer-reviews/product-buyer-reviews";
import productPageCss from "~/styles/product-page.css";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { BuyBox } from "./buy-box";
import { Gallery } from "./gallery";
import { CertificationsSection, ProducerBox } from "./product-details";
import { loadProductPage } from "./product-page.server";
import { RelatedProducts } from "./related";
import { GeneralErrorBoundary, pageMeta } from "~/utils/page-frame";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: productPageCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (_t, data) => data.product.name,
    (_t, data) => [{ name: "description", content: data.product.summary }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts). A signed-in visitor's page (never cached: any session
// cookie makes a request personal) also says whether the product is in their favourites.
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadProductPage(request, params.slug ?? "", handle.pageCache);
}

export default function ProductPage() {
  const { product, gallery, sold, related, buyerReviews, favourite, counters } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="product">
      <nav aria-label={t("layout.breadcrumb")} className="breadcrumb">
        <Link to="/products">{t("nav.products")}</Link> /{" "}
        <Link to={`/counties/${product.countyCode}`}>{product.countyName}</Link> /{" "}
        <span aria-current="page">{product.name}</span>
      </nav>
      <div className="product__top">
        <Gallery name={product.name} pictures={gallery} />
        <BuyBox product={product} sold={sold} favourite={favourite} counters={counters} />
      </div>

      <section className="product__section" aria-labelledby="story-title">
        <h2 id="story-title">{t("product.storyTitle")}</h2>
        <p>{product.story}</p>
      </section>

      <CertificationsSection certifications={product.certifications} />
      <ProducerBox product={product} />
      <ProductBuyerReviews slug={product.slug} reviews={buyerReviews} />
      <RelatedProducts products={related} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
