// The messages loaded so far, per language, as flat maps, and the catalogue in parts: the
// storefront's part ("shop") every page needs, and parts for sign-in, ordering and each
// portal section, which only the routes that show them load (ROUTE_PARTS). Each part of each language is its own browser
// chunk; the server loads whole catalogues (i18n.ts).
import { DEFAULT_LOCALE, type Locale } from "./config";
import { createTranslate, flatten, type Flat, type Translate } from "./translate";

/**
 * The catalogue's parts besides the storefront's, and the top-level sections each holds
 * (a part is one file per language: zh-CN/<part>.ts).
 */
export const PART_SECTIONS = {
  auth: ["auth"],
  ordering: [
    "orderStatus",
    "checkout",
    "buyerType",
    "fundingSource",
    "order",
    "pay",
    "lookup",
    "invoices",
  ],
  portal: ["portal"],
  fulfil: ["fulfil"],
  review: ["review"],
  admin: ["admin"],
  dash: ["dash"],
  refund: ["refund"],
  contrib: ["contrib"],
  aidExtra: ["aidExtra"],
  accountBook: ["accountBook"],
  productPage: ["productPage"],
  favourites: ["favourites"],
  productManage: ["productManage"],
  transparency: ["transparency"],
  buyerReviews: ["buyerReviews"],
  buyerRatings: ["buyerRatings"],
  searchHelp: ["searchHelp"],
  institutions: ["institutions"],
  afterSales: ["afterSales"],
  // one browser chunk per language for everything about the counters (ADR 046): each entry
  // here costs every page's shared code a loader, and the product page has no room to spare
  counters: ["counters", "pickup", "counterDesk", "till"],
  home: ["home"],
  origin: ["county", "coop", "coopKind"],
} as const;
export type SectionPart = keyof typeof PART_SECTIONS;
export type Part = "shop" | SectionPart;
export const SECTION_PARTS = Object.keys(PART_SECTIONS) as SectionPart[];

const partOfSection = new Map<string, SectionPart>(
  SECTION_PARTS.flatMap((part) => PART_SECTIONS[part].map((section) => [section, part] as const)),
);

type Loader = () => Promise<Record<string, object>>;

/**
 * A part's messages from its module: the storefront's is its default export, ordering's one
 * object of several sections; every other part's module exports just its one section, so
 * the module itself is `{ section: messages }`.
 */
function messagesOf(part: Part, module: Record<string, object>): object {
  if (part === "shop") return module.default!;
  if (part === "ordering") return module.ordering!;
  return module;
}
const loaders: Record<Locale, Record<Part, Loader>> = {
  "zh-CN": {
    shop: () => import("./zh-CN-shop"),
    auth: () => import("./zh-CN/auth"),
    ordering: () => import("./zh-CN/ordering"),
    portal: () => import("./zh-CN/portal"),
    fulfil: () => import("./zh-CN/fulfil"),
    review: () => import("./zh-CN/review"),
    admin: () => import("./zh-CN/admin"),
    dash: () => import("./zh-CN/dash"),
    refund: () => import("./zh-CN/refund"),
    contrib: () => import("./zh-CN/contrib"),
    aidExtra: () => import("./zh-CN/aidExtra"),
    accountBook: () => import("./zh-CN/accountBook"),
    productPage: () => import("./zh-CN/productPage"),
    favourites: () => import("./zh-CN/favourites"),
    productManage: () => import("./zh-CN/productManage"),
    transparency: () => import("./zh-CN/transparency"),
    buyerReviews: () => import("./zh-CN/buyerReviews"),
    buyerRatings: () => import("./zh-CN/buyerRatings"),
    searchHelp: () => import("./zh-CN/searchHelp"),
    afterSales: () => import("./zh-CN/afterSales"),
    institutions: () => import("./zh-CN/institutions"),
    counters: () => import("./zh-CN/counters"),
    home: () => import("./zh-CN/home"),
    origin: () => import("./zh-CN/origin"),
  },
  en: {
    shop: () => import("./en-shop"),
    auth: () => import("./en/auth"),
    ordering: () => import("./en/ordering"),
    portal: () => import("./en/portal"),
    fulfil: () => import("./en/fulfil"),
    review: () => import("./en/review"),
    admin: () => import("./en/admin"),
    dash: () => import("./en/dash"),
    refund: () => import("./en/refund"),
    contrib: () => import("./en/contrib"),
    aidExtra: () => import("./en/aidExtra"),
    accountBook: () => import("./en/accountBook"),
    productPage: () => import("./en/productPage"),
    favourites: () => import("./en/favourites"),
    productManage: () => import("./en/productManage"),
    transparency: () => import("./en/transparency"),
    buyerReviews: () => import("./en/buyerReviews"),
    buyerRatings: () => import("./en/buyerRatings"),
    searchHelp: () => import("./en/searchHelp"),
    afterSales: () => import("./en/afterSales"),
    institutions: () => import("./en/institutions"),
    counters: () => import("./en/counters"),
    home: () => import("./en/home"),
    origin: () => import("./en/origin"),
  },
};

/**
 * The sections each route shows besides the storefront's part, by route id (its own
 * components included). A page also gets its layouts' parts (Remix matches them too), so
 * a child lists only what its layout does not load. `npm run build` (scripts/check-browser-bundle.ts) fails when a
 * route's browser code uses a section's keys that are not listed here.
 */
export const ROUTE_PARTS: Record<string, readonly SectionPart[]> = {
  "routes/account._index": [
    "accountBook",
    "auth",
    "buyerReviews",
    "contrib",
    "favourites",
    "ordering",
  ],
  "routes/account.addresses._index": ["accountBook"],
  "routes/account.addresses.$id": ["accountBook"],
  "routes/account.addresses.new": ["accountBook"],
  "routes/account.orders": ["accountBook", "counters", "ordering"],
  "routes/account.password": ["accountBook", "auth"],
  "routes/_index": ["buyerRatings", "contrib", "home"],
  "routes/account.favourites": ["buyerRatings", "favourites", "productPage"],
  "routes/account.aid": ["contrib", "home", "ordering"],
  "routes/account.institution": ["institutions", "ordering"],
  "routes/account.aid_.certificate.$code": ["contrib"],
  "routes/account.verify": ["auth"],
  "routes/counter": ["counters"],
  "routes/counter.till._index": ["ordering"],
  "routes/counter.till.$number": ["ordering"],
  "routes/counters": ["counters"],
  "routes/admin": ["admin", "afterSales", "buyerRatings", "counters", "refund"],
  "routes/admin.orders.$number": ["fulfil", "ordering"],
  "routes/admin.orders._index": ["ordering", "refund"],
  "routes/admin.invoices": ["ordering"],
  "routes/aid": ["buyerRatings", "dash"],
  "routes/aid._index": ["home"],
  "routes/aid.institutions": ["institutions", "ordering"],
  "routes/aid.integrity": ["aidExtra"],
  "routes/aid.report": ["aidExtra"],
  "routes/aid.reviews.$id": ["admin", "review"],
  "routes/aid.reviews._index": ["review"],
  "routes/certificates.$code": ["contrib"],
  "routes/checkout": ["accountBook", "counters", "institutions", "ordering"],
  "routes/coop.$coop": ["afterSales", "buyerRatings", "counters", "fulfil"],
  "routes/coop.$coop.products.$id": ["portal", "productManage"],
  "routes/coop.$coop.products._index": ["portal"],
  "routes/coop.$coop.products.new": ["portal", "productManage"],
  "routes/coop.$coop.shipments.$id": ["ordering"],
  "routes/coop._index": ["fulfil"],
  "routes/forgot-password": ["auth"],
  "routes/login": ["auth"],
  "routes/orders.$number": [
    "afterSales",
    "buyerRatings",
    "buyerReviews",
    "counters",
    "fulfil",
    "ordering",
  ],
  "routes/orders.$number_.voucher": ["ordering"],
  "routes/orders.lookup": ["ordering"],
  "routes/pay.demo.$number": ["ordering"],
  "routes/reset-password": ["auth"],
  "routes/signup": ["auth"],
  "routes/thanks": ["contrib"],
  "routes/vouchers.verify": ["ordering"],
  "routes/transparency": ["transparency"],
  "routes/account.reviews._index": ["buyerRatings", "buyerReviews"],
  "routes/account.reviews.$line": ["buyerRatings", "buyerReviews"],
  "routes/aid.buyer-reviews": ["buyerRatings", "buyerReviews"],
  "routes/collections.$slug": ["buyerRatings"],
  "routes/coop.$coop.reviews": ["buyerReviews"],
  "routes/cooperatives.$slug": ["buyerRatings", "origin"],
  "routes/counties.$code": ["buyerRatings", "origin"],
  "routes/products.$slug": ["buyerRatings", "productPage"],
  "routes/products.$slug_.reviews": ["buyerRatings"],
  "routes/products._index": ["buyerRatings", "searchHelp"],
};

/** Every part a page of these routes needs: the storefront's and the routes' sections. */
export function partsFor(routeIds: readonly string[]): Part[] {
  const parts = new Set<Part>(["shop"]);
  for (const id of routeIds) for (const part of ROUTE_PARTS[id] ?? []) parts.add(part);
  return [...parts];
}

/** The part a key belongs to: its first segment's part, or the storefront's. */
export function partOf(key: string): Part {
  return partOfSection.get(key.slice(0, key.indexOf("."))) ?? "shop";
}

/** The messages loaded so far, per language. */
export const catalogues: Record<Locale, Flat> = { "zh-CN": new Map(), en: new Map() };
const loading: Record<Locale, Map<Part, Promise<void>>> = { "zh-CN": new Map(), en: new Map() };
const ready: Record<Locale, Set<Part>> = { "zh-CN": new Set(), en: new Set() };

export function hasParts(locale: Locale, parts: readonly Part[]): boolean {
  return parts.every((part) => ready[locale].has(part));
}

/** Loads the parts of a language not loaded yet (each once, however often it is asked). */
export function loadParts(locale: Locale, parts: readonly Part[]): Promise<void> {
  return Promise.all(
    parts.map((part) => {
      let promise = loading[locale].get(part);
      if (!promise) {
        promise = loaders[locale][part]().then((module) => {
          flatten(messagesOf(part, module), "", catalogues[locale]);
          ready[locale].add(part);
        });
        loading[locale].set(part, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

/** A whole catalogue, already in memory (the server's case): every part is then loaded. */
export function addCatalogue(locale: Locale, messages: object): void {
  flatten(messages, "", catalogues[locale]);
  for (const part of ["shop", ...SECTION_PARTS] as Part[]) {
    ready[locale].add(part);
    loading[locale].set(part, Promise.resolve());
  }
}

const translators = new Map<Locale, Translate>();

/** The t() of a language (one per language, reading whatever is loaded when called). */
export function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = createTranslate(catalogues, locale)));
  return t;
}

/** Whether a key has a message in the language or the fallback (as i18next's exists). */
export function hasMessage(locale: Locale, key: string): boolean {
  return catalogues[locale].has(key) || catalogues[DEFAULT_LOCALE].has(key);
}
