import { json } from "@remix-run/node";
import { isFavourite } from "~/domain/account/favourites.server";
import { productBuyerReviews } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { getProductPage } from "~/domain/catalog/catalog.server";
import { countersHolding } from "~/domain/counters/counters.server";
import { lang } from "~/i18n/config";
import {
  productGallery,
  relatedProducts,
  unitsSoldShown,
} from "~/domain/catalog/product-page.server";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import type { PageScope } from "~/utils/page-cache.server";
import { getUser } from "~/utils/session.server";

// The product page's loader work, in one module only this route imports: the browser build
// empties every .server import, and each one shared with another route became its own tiny
// chunk on the page (issue 11's JavaScript budget); one route-only import costs nothing.

/**
 * What every visitor sees, read once per catalogue version (shared-reads.server.ts), and
 * for a signed-in visitor whether the product is in their favourites.
 */
export async function loadProductPage(
  request: Request,
  slug: string,
  scopes: readonly PageScope[],
) {
  const { db, locale } = await storeContext(request);
  const shared = sharedRead(db, scopes, `product ${locale} ${slug}`, async () => {
    const product = await getProductPage(db, slug, locale);
    // buyer_reviews' triggers bump the catalogue version too, so they may be kept with it
    // and so do counter_stock's, when a counter gets or runs out of the product (ADR 047)
    const [gallery, sold, related, buyerReviews, holding] = await Promise.all([
      productGallery(db, product),
      unitsSoldShown(db, product.id),
      relatedProducts(db, product, locale),
      productBuyerReviews(db, product.id),
      countersHolding(db, product.id),
    ]);
    const l = lang(locale);
    const counters = holding.map((c) => ({ slug: c.slug, name: c[`name_${l}`] }));
    return { product, gallery, sold, related, buyerReviews, counters };
  });
  const [page, user] = await Promise.all([orHttpError(shared), getUser(request)]);
  const favourite = user ? await isFavourite(db, user.id, page.product.id) : null;
  const headers = user
    ? { "Cache-Control": "private, no-store", Vary: "Cookie" }
    : { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" };
  return json({ ...page, favourite }, { headers });
}
