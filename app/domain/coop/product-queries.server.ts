// Reading a cooperative's products for its portal: the list, one product with its
// certificates, and each product's newest review.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { ProductStatus, ReviewReason, ReviewStatus } from "#db/schema";
import { DomainError } from "../errors";
import type { CertificationInput } from "./product-input";

const forbidden = () => new DomainError("portal.errors.forbidden", 403);

export interface LatestReview {
  id: number;
  reason: ReviewReason;
  status: ReviewStatus;
  proposal: Record<string, unknown>;
  submittedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface CoopProductRow {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  categoryCode: string;
  status: ProductStatus;
  priceFen: number;
  stock: number;
  image: string;
  updatedAt: string;
  review: LatestReview | null;
}

function parseProposal(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The newest review of each given product of the cooperative, in one query. */
async function latestReviews(
  db: DB,
  cooperativeId: number,
  productId?: number,
): Promise<Map<number, LatestReview>> {
  let newest = db
    .selectFrom("product_reviews")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("cooperative_id", "=", cooperativeId);
  if (productId !== undefined) newest = newest.where("product_id", "=", productId);
  const rows = await db
    .selectFrom("product_reviews")
    .select([
      "id",
      "product_id",
      "reason",
      "status",
      "proposal",
      "submitted_at",
      "decided_by_name",
      "decided_at",
      "decision_note",
    ])
    .where("cooperative_id", "=", cooperativeId)
    .where("id", "in", newest.groupBy("product_id"))
    .execute();
  return new Map(
    rows.map((r) => [
      r.product_id,
      {
        id: r.id,
        reason: r.reason,
        status: r.status,
        proposal: parseProposal(r.proposal),
        submittedAt: r.submitted_at,
        decidedByName: r.decided_by_name,
        decidedAt: r.decided_at,
        decisionNote: r.decision_note,
      },
    ]),
  );
}

/** Every product of the cooperative (archived last), with its newest review. */
export async function listCoopProducts(db: DB, cooperativeId: number): Promise<CoopProductRow[]> {
  const [rows, reviews] = await Promise.all([
    db
      .selectFrom("products")
      .select([
        "id",
        "slug",
        "name_zh",
        "name_en",
        "category_code",
        "status",
        "price_fen",
        "stock",
        "image",
        "updated_at",
      ])
      .where("cooperative_id", "=", cooperativeId)
      .orderBy(sql`status = 'archived'`)
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .execute(),
    latestReviews(db, cooperativeId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    categoryCode: r.category_code,
    status: r.status,
    priceFen: r.price_fen,
    stock: r.stock,
    image: r.image,
    updatedAt: r.updated_at,
    review: reviews.get(r.id) ?? null,
  }));
}

export interface CoopProduct {
  id: number;
  slug: string;
  status: ProductStatus;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  storyZh: string;
  storyEn: string;
  categoryCode: string;
  unitZh: string;
  unitEn: string;
  priceFen: number;
  stock: number;
  coldChain: boolean;
  storageZh: string;
  storageEn: string;
  shelfLifeDays: number;
  harvestSeasonZh: string | null;
  harvestSeasonEn: string | null;
  image: string;
  certifications: CertificationInput[];
  review: LatestReview | null;
}

/**
 * One product of this cooperative. A product of another cooperative and one that does not
 * exist are the same refusal, so ids cannot be probed.
 */
export async function getCoopProduct(
  db: DB,
  cooperativeId: number,
  productId: number,
): Promise<CoopProduct> {
  if (!Number.isSafeInteger(productId) || productId <= 0) throw forbidden();
  const p = await db
    .selectFrom("products")
    .select([
      "id",
      "slug",
      "status",
      "name_zh",
      "name_en",
      "summary_zh",
      "summary_en",
      "story_zh",
      "story_en",
      "category_code",
      "unit_zh",
      "unit_en",
      "price_fen",
      "stock",
      "cold_chain",
      "storage_zh",
      "storage_en",
      "shelf_life_days",
      "harvest_season_zh",
      "harvest_season_en",
      "image",
    ])
    .where("id", "=", productId)
    .where("cooperative_id", "=", cooperativeId)
    .executeTakeFirst();
  if (!p) throw forbidden();
  const [certifications, reviews] = await Promise.all([
    productCerts(db, p.id),
    latestReviews(db, cooperativeId, p.id),
  ]);
  return {
    id: p.id,
    slug: p.slug,
    status: p.status,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    summaryZh: p.summary_zh,
    summaryEn: p.summary_en,
    storyZh: p.story_zh,
    storyEn: p.story_en,
    categoryCode: p.category_code,
    unitZh: p.unit_zh,
    unitEn: p.unit_en,
    priceFen: p.price_fen,
    stock: p.stock,
    coldChain: p.cold_chain === 1,
    storageZh: p.storage_zh,
    storageEn: p.storage_en,
    shelfLifeDays: p.shelf_life_days,
    harvestSeasonZh: p.harvest_season_zh,
    harvestSeasonEn: p.harvest_season_en,
    image: p.image,
    certifications,
    review: reviews.get(p.id) ?? null,
  };
}

/** A product's certificates, in the order they were entered. */
export async function productCerts(db: DB, productId: number): Promise<CertificationInput[]> {
  const rows = await db
    .selectFrom("product_certifications")
    .select(["kind", "number", "issued_by", "expires_on"])
    .where("product_id", "=", productId)
    .orderBy("id")
    .execute();
  return rows.map((c) => ({
    // only CERT_KINDS are ever written (the form's schema checks them)
    kind: c.kind as CertificationInput["kind"],
    number: c.number,
    issuedBy: c.issued_by,
    expiresOn: c.expires_on,
  }));
}

/** A review as the portal's pages show it, with the price a pending raise asks for. */
export function reviewView(review: LatestReview | null) {
  if (!review) return null;
  const { reason, status, decisionNote, decidedByName, proposal } = review;
  const proposedPriceFen =
    reason === "price_raise" && typeof proposal.priceFen === "number" ? proposal.priceFen : null;
  return { reason, status, decisionNote, decidedByName, proposedPriceFen };
}

/** Categories for the form's select, in the page's language. */
export async function listCategories(db: DB, locale: "zh-CN" | "en") {
  const rows = await db
    .selectFrom("categories")
    .select(["code", "name_zh", "name_en"])
    .orderBy("sort")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({ code: r.code, name: locale === "en" ? r.name_en : r.name_zh }));
}
