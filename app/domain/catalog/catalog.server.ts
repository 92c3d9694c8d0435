import { lang, type Locale } from "~/i18n/config";
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { shanghaiDate } from "~/utils/time";
import { NotFoundError } from "../errors";
import type { ProductFilters } from "./filters";
import { matchesSearch, planSearch, searchRank } from "./search.server";
import { ratingAverage } from "../buyer-reviews/buyer-review-fields";
import { shownStock } from "./stock-shown";

export interface ProductCard {
  id: number;
  slug: string;
  name: string;
  unit: string;
  priceFen: number;
  image: string;
  /** what pages may show: see shownStock */
  stock: number;
  coldChain: boolean;
  countyCode: string;
  countyName: string;
  pairedDistrict: string | null;
  cooperativeName: string;
  aidEligible: boolean;
  /** shown buyer reviews and their average to one decimal (null when none) */
  reviewCount: number;
  ratingAverage: number | null;
}

type CardQuery = SelectQueryBuilder<
  Database & { p: Database["products"]; c: Database["cooperatives"]; y: Database["counties"] },
  "p" | "c" | "y",
  object
>;

function cardBase(db: DB) {
  return db
    .selectFrom("products as p")
    .innerJoin("cooperatives as c", "c.id", "p.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .where("p.status", "=", "active");
}

function aidEligibleSql(
  eb: ExpressionBuilder<Database & { p: Database["products"] }, "p">,
  today: string,
) {
  return eb
    .exists(
      eb
        .selectFrom("product_certifications as pc")
        .select("pc.id")
        .whereRef("pc.product_id", "=", "p.id")
        .where("pc.kind", "=", "aid")
        .where("pc.expires_on", ">=", today),
    )
    .as("aid_eligible");
}

function selectCard(q: ReturnType<typeof cardBase>, locale: Locale, today: string) {
  const l = lang(locale);
  return q.select((eb) => [
    "p.id",
    "p.slug",
    sql.ref<string>(`p.name_${l}`).as("name"),
    sql.ref<string>(`p.unit_${l}`).as("unit"),
    "p.price_fen",
    "p.image",
    "p.stock",
    "p.cold_chain",
    "y.code as county_code",
    sql.ref<string>(`y.name_${l}`).as("county_name"),
    sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
    sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
    aidEligibleSql(eb, today),
    // read from the per-product tally, in the same query as the card: no aggregate per card
    eb
      .selectFrom("buyer_review_stats as brs")
      .select("brs.review_count")
      .whereRef("brs.product_id", "=", "p.id")
      .as("review_count"),
    eb
      .selectFrom("buyer_review_stats as brs")
      .select("brs.rating_sum")
      .whereRef("brs.product_id", "=", "p.id")
      .as("rating_sum"),
  ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof selectCard>["execute"]>>[number];

function toCard(r: CardRow): ProductCard {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    unit: r.unit,
    priceFen: r.price_fen,
    image: r.image,
    stock: shownStock(r.stock),
    coldChain: r.cold_chain === 1,
    countyCode: r.county_code,
    countyName: r.county_name,
    pairedDistrict: r.paired_district,
    cooperativeName: r.cooperative_name,
    aidEligible: Boolean(r.aid_eligible),
    reviewCount: r.review_count ?? 0,
    ratingAverage: ratingAverage(r.review_count ?? 0, r.rating_sum ?? 0),
  };
}

export const PAGE_SIZE = 12;

export async function listProducts(
  db: DB,
  filters: ProductFilters,
  locale: Locale,
  now = new Date(),
): Promise<{ items: ProductCard[]; total: number; page: number; pageCount: number }> {
  const today = shanghaiDate(now);
  let q = cardBase(db);
  const search = await planSearch(db, filters.q ?? "");
  if (search) q = q.where(({ ref }) => matchesSearch(ref("p.id"), search));
  if (filters.county) q = q.where("c.county_code", "=", filters.county);
  if (filters.category) q = q.where("p.category_code", "=", filters.category);
  if (filters.inStock) q = q.where("p.stock", ">", 0);
  if (filters.cert) {
    const kind = filters.cert;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("product_certifications as pc")
          .select("pc.id")
          .whereRef("pc.product_id", "=", "p.id")
          .where("pc.kind", "=", kind)
          .where("pc.expires_on", ">=", today),
      ),
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);

  let ordered = q.select("p.id");
  switch (filters.sort ?? "recommended") {
    case "newest":
      ordered = ordered.orderBy("p.created_at", "desc").orderBy("p.id", "desc");
      break;
    case "price_asc":
      ordered = ordered.orderBy("p.price_fen", "asc").orderBy("p.id");
      break;
    case "price_desc":
      ordered = ordered.orderBy("p.price_fen", "desc").orderBy("p.id");
      break;
    default:
      // a search lists the best matches first (search.server.ts: SEARCH_RANKS), then in
      // stock, then the featured shelf, then the oldest listings
      if (search) ordered = ordered.orderBy(searchRank(search));
      ordered = ordered
        .orderBy(sql`p.stock > 0`, "desc")
        .orderBy("p.featured", "desc")
        .orderBy("p.id");
  }
  const ids = await ordered
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const items = await cardsInOrder(
    db,
    ids.map((r) => r.id),
    locale,
    today,
  );
  return { items, total, page, pageCount };
}

/**
 * The cards of one page, in the listing's order. A listing first picks the page's ids, so
 * a card's columns and its certificate check are read for twelve products, not for every
 * product the filter matches.
 */
async function cardsInOrder(
  db: DB,
  ids: number[],
  locale: Locale,
  today: string,
): Promise<ProductCard[]> {
  if (ids.length === 0) return [];
  const rows = await selectCard(cardBase(db).where("p.id", "in", ids), locale, today).execute();
  const byId = new Map(rows.map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function featuredProducts(db: DB, locale: Locale, limit = 8, now = new Date()) {
  const ids = await cardBase(db)
    .where("p.featured", "=", 1)
    .select("p.id")
    .orderBy(sql`p.stock > 0`, "desc")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return cardsInOrder(
    db,
    ids.map((r) => r.id),
    locale,
    shanghaiDate(now),
  );
}

export async function productsWhere(
  db: DB,
  locale: Locale,
  filter: {
    countyCode?: string;
    cooperativeId?: number;
    collectionSlug?: string;
    certifiedOnly?: boolean;
    page?: number;
  },
  now = new Date(),
): Promise<{ items: ProductCard[]; total: number; page: number; pageCount: number }> {
  const today = shanghaiDate(now);
  let q = cardBase(db);
  if (filter.certifiedOnly) {
    const valid = (kinds: string[]) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("product_certifications as pc")
            .select("pc.id")
            .whereRef("pc.product_id", "=", "p.id")
            .where("pc.kind", "in", kinds)
            .where("pc.expires_on", ">=", today),
        ),
      );
    q = valid(["aid"]);
    q = valid(["green_food", "organic"]);
  }
  if (filter.countyCode) q = q.where("c.county_code", "=", filter.countyCode);
  if (filter.cooperativeId) q = q.where("p.cooperative_id", "=", filter.cooperativeId);
  if (filter.collectionSlug) {
    const slug = filter.collectionSlug;
    q = q.where("p.id", "in", (eb) =>
      eb.selectFrom("collection_products").select("product_id").where("collection_slug", "=", slug),
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const ids = await q
    .select("p.id")
    .orderBy(sql`p.stock > 0`, "desc")
    .orderBy("p.featured", "desc")
    .orderBy("p.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const items = await cardsInOrder(
    db,
    ids.map((r) => r.id),
    locale,
    today,
  );
  return { items, total, page, pageCount };
}

export async function getProductPage(db: DB, slug: string, locale: Locale, now = new Date()) {
  const today = shanghaiDate(now);
  const l = lang(locale);
  const row = await selectCard(cardBase(db).where("p.slug", "=", slug), locale, today)
    .innerJoin("categories as k", "k.code", "p.category_code")
    .select([
      sql.ref<string>(`p.summary_${l}`).as("summary"),
      sql.ref<string>(`p.story_${l}`).as("story"),
      sql.ref<string>(`p.storage_${l}`).as("storage"),
      "p.shelf_life_days",
      "p.reference_price_fen",
      "p.category_code",
      sql.ref<string>(`k.name_${l}`).as("category_name"),
      "c.slug as cooperative_slug",
      "c.kind as cooperative_kind",
      "c.farmers_reached",
      sql.ref<string>(`c.story_${l}`).as("cooperative_story"),
    ])
    .executeTakeFirst();
  if (!row) throw new NotFoundError("product");
  const certifications = await db
    .selectFrom("product_certifications")
    .select(["kind", "number", "issued_by", "expires_on"])
    .where("product_id", "=", row.id)
    .orderBy("id")
    .execute();
  return {
    ...toCard(row),
    summary: row.summary,
    story: row.story,
    storage: row.storage,
    shelfLifeDays: row.shelf_life_days,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    cooperativeSlug: row.cooperative_slug,
    cooperativeKind: row.cooperative_kind,
    farmersReached: row.farmers_reached,
    cooperativeStory: row.cooperative_story,
    certifications: certifications.map((c) => ({
      kind: c.kind,
      number: c.number,
      issuedBy: c.issued_by,
      expiresOn: c.expires_on,
      expired: c.expires_on < today,
    })),
  };
}

export async function listCounties(db: DB, locale: Locale) {
  const l = lang(locale);
  return db
    .selectFrom("counties as y")
    .select([
      "y.code",
      sql.ref<string>(`y.name_${l}`).as("name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("pairedDistrict"),
      sql.ref<string>(`y.story_${l}`).as("story"),
      (eb) =>
        eb
          .selectFrom("cooperatives as c")
          .innerJoin("products as p", "p.cooperative_id", "c.id")
          .whereRef("c.county_code", "=", "y.code")
          .where("p.status", "=", "active")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("productCount"),
    ])
    .where("y.paired_district_zh", "is not", null)
    .orderBy("y.sort")
    .execute();
}

export async function listCategories(db: DB, locale: Locale) {
  return db
    .selectFrom("categories")
    .select(["code", sql.ref<string>(`name_${lang(locale)}`).as("name")])
    .orderBy("sort")
    .execute();
}

export async function getCounty(db: DB, code: string, locale: Locale) {
  const l = lang(locale);
  const county = await db
    .selectFrom("counties")
    .select([
      "code",
      sql.ref<string>(`name_${l}`).as("name"),
      sql.ref<string | null>(`paired_district_${l}`).as("pairedDistrict"),
      sql.ref<string>(`story_${l}`).as("story"),
    ])
    .where("code", "=", code)
    .executeTakeFirst();
  if (!county) throw new NotFoundError("county");
  const cooperatives = await db
    .selectFrom("cooperatives")
    .select([
      "slug",
      sql.ref<string>(`name_${l}`).as("name"),
      "kind",
      "farmers_reached as farmersReached",
    ])
    .where("county_code", "=", code)
    .orderBy("id")
    .execute();
  return { county, cooperatives };
}

export async function getCooperative(db: DB, slug: string, locale: Locale) {
  const l = lang(locale);
  const coop = await db
    .selectFrom("cooperatives as c")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .select([
      "c.id",
      "c.slug",
      "c.kind",
      "c.farmers_reached as farmersReached",
      "c.founded_year as foundedYear",
      sql.ref<string>(`c.name_${l}`).as("name"),
      sql.ref<string>(`c.story_${l}`).as("story"),
      "y.code as countyCode",
      sql.ref<string>(`y.name_${l}`).as("countyName"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("pairedDistrict"),
    ])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  if (!coop) throw new NotFoundError("cooperative");
  return coop;
}

export async function getCollection(db: DB, slug: string, locale: Locale) {
  const l = lang(locale);
  const collection = await db
    .selectFrom("collections")
    .select([
      "slug",
      sql.ref<string>(`name_${l}`).as("name"),
      sql.ref<string>(`intro_${l}`).as("intro"),
      "certified_only",
    ])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!collection) throw new NotFoundError("collection");
  const { certified_only, ...shown } = collection;
  return { ...shown, certifiedOnly: certified_only === 1 };
}

export async function listCollections(db: DB, locale: Locale) {
  const l = lang(locale);
  return db
    .selectFrom("collections as k")
    .select([
      "k.slug",
      sql.ref<string>(`k.name_${l}`).as("name"),
      sql.ref<string>(`k.intro_${l}`).as("intro"),
      (eb) =>
        eb
          .selectFrom("collection_products as cp")
          .innerJoin("products as p", "p.id", "cp.product_id")
          .whereRef("cp.collection_slug", "=", "k.slug")
          .where("p.status", "=", "active")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("productCount"),
    ])
    .orderBy("k.sort")
    .execute();
}

export type { CardQuery };
