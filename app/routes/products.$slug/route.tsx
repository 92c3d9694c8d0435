import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isFavourite } from "~/domain/account/favourites.server";
import { productBuyerReviews } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { getProductPage } from "~/domain/catalog/catalog.server";
import {
  productGallery,
  relatedProducts,
  unitsSoldShown,
} from "~/domain/catalog/product-page.server";
import { ProductBuyerReviews } from "~/components/buyer-reviews/product-buyer-reviews";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import productPageCss from "~/styles/product-page.css";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { pageMeta } from "~/utils/meta";
import { sharedRead } from "~/utils/shared-reads.server";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { getUser } from "~/utils/session.server";
import { BuyBox } from "./buy-box";
import { Gallery } from "./gallery";
import { CertificationsSection, ProducerBox } from "./product-details";
import { RelatedProducts } from "./related";

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
  const { db, locale } = await storeContext(request);
  const slug = params.slug ?? "";
  // what every visitor sees, read once per catalogue version (shared-reads.server.ts)
  const shared = sharedRead(db, handle.pageCache, `product ${locale} ${slug}`, async () => {
    const product = await getProductPage(db, slug, locale);
    // buyer_reviews' triggers bump the catalogue version too, so they may be kept with it
    const [gallery, sold, related, buyerReviews] = await Promise.all([
      productGallery(db, product),
      unitsSoldShown(db, product.id),
      relatedProducts(db, product, locale),
      productBuyerReviews(db, product.id),
    ]);
    return { product, gallery, sold, related, buyerReviews };
  });
  const [page, user] = await Promise.all([orHttpError(shared), getUser(request)]);
  const favourite = user ? await isFavourite(db, user.id, page.product.id) : null;
  const headers = user
    ? { "Cache-Control": "private, no-store", Vary: "Cookie" }
    : { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" };
  return json({ ...page, favourite }, { headers });
}

export default function ProductPage() {
  const { product, gallery, sold, related, buyerReviews, favourite } =
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
        <BuyBox product={product} sold={sold} favourite={favourite} />
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
