// The `route` label of the request metrics (ADR 053): the Remix route that answers a path,
// by id ("routes/products.$slug"), never the path itself, so the label set is as small as
// the route table however many products, orders and typos there are.
import { matchRoutes } from "@remix-run/react";

/** Labels for requests that no Remix route answers. */
export const STATIC = "static";
export const UNMATCHED = "unmatched";

/** The build's flat route manifest as the nested route objects matchRoutes takes. */
function routeTree(manifest) {
  const byParent = new Map();
  for (const route of Object.values(manifest)) {
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(route);
    byParent.set(route.parentId, siblings);
  }
  const build = (parentId) =>
    (byParent.get(parentId) ?? []).map((route) => ({
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: route.index ? undefined : build(route.id),
    }));
  return build(undefined);
}

/** @param {string} pathname */
function decodable(pathname) {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {Record<string, {id: string, parentId?: string, path?: string, index?: boolean,
 *   caseSensitive?: boolean}>} manifest  the build's `routes`
 * @returns {(url: string) => string}  a path (query ignored) → the deepest route's id
 */
export function routeLabeller(manifest) {
  // one array for the process: matchRoutes keeps its ranked branches per array (ADR 034)
  const routes = routeTree(manifest);
  return (url) => {
    const pathname = url.split("?")[0];
    if (pathname.startsWith("/build/")) return STATIC;
    // a path with broken %-escapes is refused with a 400 before any route; matchRoutes would
    // also print a URIError warning for it
    if (!decodable(pathname)) return UNMATCHED;
    const matches = matchRoutes(routes, pathname);
    const last = matches?.[matches.length - 1];
    // the catch-all (routes/$) answers every unknown path with a 404: not a route of its own
    if (last && last.route.id !== "root" && last.route.path !== "*") return last.route.id;
    // files in public/ (pictures, robots.txt) have an extension; pages do not
    return /\.[a-z0-9]+$/i.test(pathname) ? STATIC : UNMATCHED;
  };
}
