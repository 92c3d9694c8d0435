import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REVIEWS_PER_PAGE } from "~/domain/buyer-reviews/buyer-review-fields";
import {
  productBuyerReviews,
  productForBuyerReviews,
} from "~/domain/buyer-reviews/buyer-review-queries.server";
import { PublicReviewList } from "~/components/buyer-reviews/public-review-list";
import { RatingSummary } from "~/components/buyer-reviews/stars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { decimalInteger } from "~/utils/forms";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => t("titles.productBuyerReviews", { product: data.product.name }));

// The same for every anonymous visitor; buyer_reviews' triggers bump the catalogue version.
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

/** Every shown review of one product, newest first, ten a page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const product = await productForBuyerReviews(db, params.slug ?? "", locale);
  if (!product) throw new Response("Not found", { status: 404 });
  const page = decimalInteger(new URL(request.url).searchParams.get("page") ?? "1");
  const reviews = await productBuyerReviews(db, product.id, {
    page: Number.isNaN(page) ? 1 : page,
    perPage: REVIEWS_PER_PAGE,
  });
  return json(
    { product, reviews },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

export default function ProductBuyerReviewsPage() {
  const { product, reviews } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="product">
      <p>
        <Link to={`/products/${product.slug}`}>{t("buyerRatings.backToProduct")}</Link>
      </p>
      <h1>{t("buyerRatings.allTitle", { product: product.name })}</h1>
      {reviews.count ? (
        <>
          <RatingSummary average={reviews.average} count={reviews.count} />
          <PublicReviewList reviews={reviews.reviews} />
          <Pagination page={reviews.page} pageCount={reviews.pageCount} />
        </>
      ) : (
        <p className="muted">{t("buyerRatings.none")}</p>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
