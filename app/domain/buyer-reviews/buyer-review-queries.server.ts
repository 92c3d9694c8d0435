// Reading buyer reviews for each page that shows them: the product page (shown reviews,
// names masked), the buyer's own lists, the cooperative's list and the office's list.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { shanghaiDate, shanghaiDateTime } from "~/utils/time";
import { imageUrl } from "../coop/images.server";
import {
  LIST_PAGE_SIZE,
  maskReviewerName,
  PRODUCT_PAGE_REVIEWS,
  ratingAverage,
  REVIEWS_PER_PAGE,
} from "./buyer-review-fields";
import { lineReviewable } from "./line-eligibility.server";

/** Pictures of these reviews, one query for the whole page, in the buyer's order. */
async function picturesOf(db: DB, reviewIds: number[]): Promise<Map<number, string[]>> {
  const byReview = new Map<number, string[]>();
  if (reviewIds.length === 0) return byReview;
  const rows = await db
    .selectFrom("buyer_review_images")
    .select(["review_id", "key"])
    .where("review_id", "in", reviewIds)
    .orderBy("review_id")
    .orderBy("sort")
    .execute();
  for (const row of rows) {
    const list = byReview.get(row.review_id) ?? [];
    list.push(imageUrl(row.key, "400.webp"));
    byReview.set(row.review_id, list);
  }
  return byReview;
}

const pageOf = (requested: number | undefined, total: number, size: number) => {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested ?? 1), pageCount);
  return { page, pageCount, offset: (page - 1) * size };
};

/** The average (one decimal) and count of a product's shown reviews. */
export async function buyerReviewSummary(db: DB, productId: number) {
  const stats = await db
    .selectFrom("buyer_review_stats")
    .select(["review_count", "rating_sum"])
    .where("product_id", "=", productId)
    .executeTakeFirst();
  const count = stats?.review_count ?? 0;
  return { count, average: ratingAverage(count, stats?.rating_sum ?? 0) };
}

/**
 * A product's shown reviews, newest first, a page at a time: names masked, the
 * cooperative's reply under each. Hidden reviews are not here at all.
 */
export async function productBuyerReviews(
  db: DB,
  productId: number,
  options: { page?: number; perPage?: number } = {},
) {
  const summary = await buyerReviewSummary(db, productId);
  const perPage = options.perPage ?? PRODUCT_PAGE_REVIEWS;
  const { page, pageCount, offset } = pageOf(options.page, summary.count, perPage);
  const rows = summary.count
    ? await db
        .selectFrom("buyer_reviews")
        .select(["id", "reviewer_name", "rating", "body", "created_at", "reply_body", "replied_at"])
        .where("product_id", "=", productId)
        .where("hidden_at", "is", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(perPage)
        .offset(offset)
        .execute()
    : [];
  const pictures = await picturesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    ...summary,
    page,
    pageCount,
    reviews: rows.map((r) => ({
      id: r.id,
      reviewer: maskReviewerName(r.reviewer_name),
      rating: r.rating,
      body: r.body,
      date: shanghaiDate(new Date(r.created_at)),
      pictures: pictures.get(r.id) ?? [],
      reply: r.reply_body
        ? { body: r.reply_body, date: shanghaiDate(new Date(r.replied_at!)) }
        : null,
    })),
  };
}

/** The product a "all reviews" page is about: active products only, like the product page. */
export async function productForBuyerReviews(db: DB, slug: string, locale: Locale) {
  const l = lang(locale);
  return db
    .selectFrom("products")
    .select(["id", "slug", sql.ref<string>(`name_${l}`).as("name")])
    .where("slug", "=", slug)
    .where("status", "=", "active")
    .executeTakeFirst();
}

export { REVIEWS_PER_PAGE };

/** The buyer's delivered lines still waiting for a review, newest order first. */
export async function linesAwaitingReview(db: DB, userId: number, locale: Locale, limit = 50) {
  const l = lang(locale);
  const rows = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .leftJoin("buyer_reviews as br", "br.order_line_id", "ol.id")
    .select([
      "ol.id",
      "ol.image",
      "ol.product_slug",
      sql.ref<string>(`ol.product_name_${l}`).as("name"),
      "o.number as order_number",
      "o.created_at",
    ])
    .where("o.user_id", "=", userId)
    .where("br.id", "is", null)
    .where(lineReviewable, "=", 1)
    .orderBy("o.created_at", "desc")
    .orderBy("ol.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    lineId: r.id,
    image: r.image,
    productSlug: r.product_slug,
    name: r.name,
    orderNumber: r.order_number,
    orderedOn: shanghaiDate(new Date(r.created_at)),
  }));
}

/** How many lines wait for the buyer's review (the link on /account). */
export async function countLinesAwaitingReview(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .leftJoin("buyer_reviews as br", "br.order_line_id", "ol.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("o.user_id", "=", userId)
    .where("br.id", "is", null)
    .where(lineReviewable, "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The buyer's own reviews, hidden ones included and marked, newest first. */
export async function myBuyerReviews(db: DB, userId: number, locale: Locale, limit = 50) {
  const l = lang(locale);
  const rows = await db
    .selectFrom("buyer_reviews as br")
    .innerJoin("order_lines as ol", "ol.id", "br.order_line_id")
    .select([
      "br.id",
      "br.rating",
      "br.body",
      "br.created_at",
      "br.reply_body",
      "br.hidden_at",
      "ol.product_slug",
      sql.ref<string>(`ol.product_name_${l}`).as("name"),
    ])
    .where("br.user_id", "=", userId)
    .orderBy("br.created_at", "desc")
    .orderBy("br.id", "desc")
    .limit(limit)
    .execute();
  const pictures = await picturesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    productSlug: r.product_slug,
    rating: r.rating,
    body: r.body,
    date: shanghaiDate(new Date(r.created_at)),
    reply: r.reply_body,
    hidden: r.hidden_at !== null,
    pictures: pictures.get(r.id) ?? [],
  }));
}

/**
 * For the order page: the buyer's delivered, not refunded lines of this order and whether
 * each is reviewed. Empty for anyone but the signed-in buyer (guests with the link too).
 */
export async function orderBuyerReviewStates(
  db: DB,
  input: { orderId: number; userId: number | null | undefined },
  locale: Locale,
) {
  if (!input.userId) return [];
  const l = lang(locale);
  const rows = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .leftJoin("buyer_reviews as br", "br.order_line_id", "ol.id")
    .select(["ol.id", sql.ref<string>(`ol.product_name_${l}`).as("name"), "br.rating"])
    .where("o.id", "=", input.orderId)
    .where("o.user_id", "=", input.userId)
    .where(lineReviewable, "=", 1)
    .orderBy("ol.id")
    .execute();
  return rows.map((r) => ({ lineId: r.id, name: r.name, rating: r.rating ?? null }));
}

/** The line a review form is for, with its product as it was sold. */
export async function lineForReviewForm(db: DB, userId: number, lineId: number, locale: Locale) {
  const l = lang(locale);
  const row = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .select([
      "ol.id",
      "ol.image",
      "ol.product_slug",
      sql.ref<string>(`ol.product_name_${l}`).as("name"),
      sql.ref<string>(`ol.unit_${l}`).as("unit"),
      "o.number as order_number",
    ])
    .where("ol.id", "=", lineId)
    .where("o.user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? {
        lineId: row.id,
        image: row.image,
        productSlug: row.product_slug,
        name: row.name,
        unit: row.unit,
        orderNumber: row.order_number,
      }
    : null;
}

export type CoopReviewFilter = "open" | "all";

/** A cooperative's reviews (its products only): those without a reply first by default. */
export async function coopBuyerReviews(
  db: DB,
  cooperativeId: number,
  options: { filter: CoopReviewFilter; page?: number },
  locale: Locale,
) {
  const l = lang(locale);
  let base = db.selectFrom("buyer_reviews as br").where("br.cooperative_id", "=", cooperativeId);
  if (options.filter === "open") {
    base = base.where("br.reply_body", "is", null).where("br.hidden_at", "is", null);
  }
  const { n } = await base
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const { page, pageCount, offset } = pageOf(options.page, Number(n), LIST_PAGE_SIZE);
  const rows = await base
    .innerJoin("products as p", "p.id", "br.product_id")
    .select([
      "br.id",
      "br.reviewer_name",
      "br.rating",
      "br.body",
      "br.created_at",
      "br.reply_body",
      "br.replied_at",
      "br.replied_by_name",
      "br.hidden_at",
      "p.slug",
      sql.ref<string>(`p.name_${l}`).as("product_name"),
    ])
    .orderBy("br.created_at", "desc")
    .orderBy("br.id", "desc")
    .limit(LIST_PAGE_SIZE)
    .offset(offset)
    .execute();
  const pictures = await picturesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    page,
    pageCount,
    total: Number(n),
    reviews: rows.map((r) => ({
      id: r.id,
      reviewer: maskReviewerName(r.reviewer_name),
      rating: r.rating,
      body: r.body,
      at: shanghaiDateTime(r.created_at),
      productName: r.product_name,
      productSlug: r.slug,
      reply: r.reply_body
        ? { body: r.reply_body, at: shanghaiDateTime(r.replied_at!), by: r.replied_by_name ?? "" }
        : null,
      hidden: r.hidden_at !== null,
      pictures: pictures.get(r.id) ?? [],
    })),
  };
}

export type ModerationFilter = "shown" | "hidden" | "all";

/** Every review for the office, newest first, with who hid what, when and why. */
export async function moderationBuyerReviews(
  db: DB,
  options: { filter: ModerationFilter; page?: number },
  locale: Locale,
) {
  const l = lang(locale);
  let base = db.selectFrom("buyer_reviews as br");
  if (options.filter === "shown") base = base.where("br.hidden_at", "is", null);
  if (options.filter === "hidden") base = base.where("br.hidden_at", "is not", null);
  const { n } = await base
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const { page, pageCount, offset } = pageOf(options.page, Number(n), LIST_PAGE_SIZE);
  const rows = await base
    .innerJoin("products as p", "p.id", "br.product_id")
    .innerJoin("cooperatives as c", "c.id", "br.cooperative_id")
    .select([
      "br.id",
      "br.reviewer_name",
      "br.rating",
      "br.body",
      "br.created_at",
      "br.reply_body",
      "br.hidden_at",
      "br.hidden_by_name",
      "br.hidden_reason",
      "p.slug",
      sql.ref<string>(`p.name_${l}`).as("product_name"),
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
    ])
    .orderBy("br.created_at", "desc")
    .orderBy("br.id", "desc")
    .limit(LIST_PAGE_SIZE)
    .offset(offset)
    .execute();
  const pictures = await picturesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    page,
    pageCount,
    total: Number(n),
    reviews: rows.map((r) => ({
      id: r.id,
      // the office sees the name as written: it may need to reach the buyer
      reviewer: r.reviewer_name,
      rating: r.rating,
      body: r.body,
      at: shanghaiDateTime(r.created_at),
      productName: r.product_name,
      productSlug: r.slug,
      cooperativeName: r.cooperative_name,
      reply: r.reply_body,
      hidden: r.hidden_at
        ? {
            at: shanghaiDateTime(r.hidden_at),
            by: r.hidden_by_name ?? "",
            reason: r.hidden_reason ?? "",
          }
        : null,
      pictures: pictures.get(r.id) ?? [],
    })),
  };
}
