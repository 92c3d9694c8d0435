import { json } from "@remix-run/node";
import { listCategories, listCounties, listProducts } from "~/domain/catalog/catalog.server";
import { parseFilters } from "~/domain/catalog/filters";
import { searchSuggestions, SUGGEST_BELOW } from "~/domain/catalog/suggest.server";
import { PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import type { PageScope } from "~/utils/page-cache.server";

// The catalogue page's loader work, in one module only this route imports: the browser build
// empties every .server import, and each one shared with another route became its own tiny
// chunk on the page (issue 11's JavaScript budget); one route-only import costs nothing.

/** One page of the catalogue, its filters' choices and, for a thin search, close words. */
export async function loadCataloguePage(request: Request, scopes: readonly PageScope[]) {
  const { db, locale } = await storeContext(request);
  const filters = parseFilters(new URL(request.url).searchParams);
  const [result, counties, categories, suggestions] = await sharedRead(
    db,
    scopes,
    `products ${locale} ${JSON.stringify(filters)}`,
    async () => {
      const [result, counties, categories] = await Promise.all([
        listProducts(db, filters, locale),
        listCounties(db, locale),
        listCategories(db, locale),
      ]);
      // a search that finds nothing, or next to nothing, offers close words (草梅 → 草莓)
      const suggestions =
        filters.q && result.total < SUGGEST_BELOW ? await searchSuggestions(db, filters.q) : [];
      return [result, counties, categories, suggestions] as const;
    },
  );
  return json(
    { ...result, filters, counties, categories, suggestions },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}
