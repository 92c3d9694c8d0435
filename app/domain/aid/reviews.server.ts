import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { ProductStatus, ReviewReason, ReviewStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { aidCertification } from "../catalog/eligibility";
import { NotFoundError } from "../errors";
import { percentChange } from "./review-input";
import {
  parseProposal,
  proposalChanges,
  proposedPrice,
  reviewPrices,
} from "./review-proposal.server";

// Review before sale (谁审核谁负责). The cooperative portal opens reviews; aid officers
// read them here and decide them in review-decisions.server.ts.

type Executor = Pick<DB, "selectFrom" | "insertInto" | "updateTable">;

/**
 * Puts a product in front of the aid office. Any earlier pending review of the same product
 * is withdrawn (the newest proposal is what gets decided). `proposal` holds what is being
 * asked for, e.g. `{ priceFen: 15800 }` for a price raise.
 */
export async function openReview(
  trx: Executor,
  input: {
    productId: number;
    cooperativeId: number;
    reason: ReviewReason;
    proposal?: Record<string, unknown>;
    userId: number | null;
    now: Date;
  },
): Promise<number> {
  await trx
    .updateTable("product_reviews")
    .set({ status: "withdrawn" })
    .where("product_id", "=", input.productId)
    .where("status", "=", "pending")
    .execute();
  const row = await trx
    .insertInto("product_reviews")
    .values({
      product_id: input.productId,
      cooperative_id: input.cooperativeId,
      reason: input.reason,
      status: "pending",
      proposal: JSON.stringify(input.proposal ?? {}),
      submitted_by: input.userId,
      submitted_at: input.now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

// ---------------------------------------------------------------------------------------
// Reading

/** Reviews with their product, cooperative, county and who submitted them. */
function withProductAndOrigin(db: DB) {
  return db
    .selectFrom("product_reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .innerJoin("cooperatives as c", "c.id", "r.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .leftJoin("users as u", "u.id", "r.submitted_by");
}

export interface PendingReview {
  id: number;
  reason: ReviewReason;
  submittedAt: string;
  submittedByName: string | null;
  productId: number;
  productSlug: string;
  productName: string;
  cooperativeName: string;
  countyName: string;
  currentPriceFen: number;
  proposedPriceFen: number | null;
  changePercent: number | null;
  referencePriceFen: number | null;
}

/** The queue, oldest first (first come, first reviewed). */
export async function listPendingReviews(
  db: DB,
  locale: Locale = "zh-CN",
): Promise<PendingReview[]> {
  const l = lang(locale);
  const rows = await withProductAndOrigin(db)
    .select([
      "r.id",
      "r.reason",
      "r.proposal",
      "r.submitted_at",
      "u.name as submitted_by_name",
      "p.id as product_id",
      "p.slug as product_slug",
      sql.ref<string>(`p.name_${l}`).as("product_name"),
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
      sql.ref<string>(`y.name_${l}`).as("county_name"),
      "p.price_fen",
      "p.reference_price_fen",
    ])
    .where("r.status", "=", "pending")
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => {
    const proposed = r.reason === "price_raise" ? proposedPrice(parseProposal(r.proposal)) : null;
    return {
      id: r.id,
      reason: r.reason,
      submittedAt: r.submitted_at,
      submittedByName: r.submitted_by_name,
      productId: r.product_id,
      productSlug: r.product_slug,
      productName: r.product_name,
      cooperativeName: r.cooperative_name,
      countyName: r.county_name,
      currentPriceFen: r.price_fen,
      proposedPriceFen: proposed,
      changePercent: proposed === null ? null : percentChange(r.price_fen, proposed),
      referencePriceFen: r.reference_price_fen,
    };
  });
}

/** How many reviews wait, and since when (for the aid office's landing page). */
export async function pendingReviewSummary(
  db: DB,
): Promise<{ count: number; oldestAt: string | null }> {
  const row = await db
    .selectFrom("product_reviews")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.min<string | null>("submitted_at").as("oldest"),
    ])
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldestAt: row.oldest ?? null };
}

export interface ReviewDetail {
  id: number;
  reason: ReviewReason;
  status: ReviewStatus;
  submittedAt: string;
  submittedByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** What the cooperative changed (for 'changed' reviews), e.g. ["category", "certifications"]. */
  changedFields: string[];
  /** Any other proposal fields, as submitted. */
  otherChanges: Array<{ field: string; value: string }>;
  product: {
    id: number;
    slug: string;
    name: string;
    nameZh: string;
    nameEn: string;
    summary: string;
    unit: string;
    categoryName: string;
    status: ProductStatus;
    image: string;
    stock: number;
    coldChain: boolean;
    storage: string;
    shelfLifeDays: number;
  };
  cooperative: {
    id: number;
    slug: string;
    name: string;
    kind: "cooperative" | "enterprise" | "family_farm";
    farmersReached: number;
    foundedYear: number;
  };
  county: { code: string; name: string; pairedDistrict: string | null };
  certifications: Array<{
    kind: string;
    number: string;
    issuedBy: string;
    expiresOn: string;
    expired: boolean;
  }>;
  /** The valid aid certification that makes the product eligible today, if any. */
  aidCertification: { number: string; expiresOn: string } | null;
  price: {
    currentFen: number;
    /** The price before the submission, when the portal recorded it. */
    previousFen: number | null;
    proposedFen: number | null;
    changePercent: number | null;
    referenceFen: number | null;
    /** How far the price that would apply after approval is above the reference. */
    overReferencePercent: number | null;
  };
}

/** Everything an officer needs to decide one review. */
export async function getReview(
  db: DB,
  id: number,
  locale: Locale = "zh-CN",
  now = new Date(),
): Promise<ReviewDetail> {
  const r = await reviewRow(db, id, lang(locale));
  if (!r) throw new NotFoundError("review");
  const today = shanghaiDate(now);
  const certs = await db
    .selectFrom("product_certifications")
    .select(["kind", "number", "issued_by", "expires_on"])
    .where("product_id", "=", r.product_id)
    .orderBy("kind")
    .orderBy("expires_on", "desc")
    .execute();
  const valid = aidCertification(certs, today);
  const proposal = parseProposal(r.proposal);
  return {
    id: r.id,
    reason: r.reason,
    status: r.status,
    submittedAt: r.submitted_at,
    submittedByName: r.submitted_by_name,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    ...proposalChanges(proposal),
    product: productOf(r),
    cooperative: {
      id: r.cooperative_id,
      slug: r.cooperative_slug,
      name: r.cooperative_name,
      kind: r.kind,
      farmersReached: r.farmers_reached,
      foundedYear: r.founded_year,
    },
    county: { code: r.county_code, name: r.county_name, pairedDistrict: r.paired_district },
    certifications: certs.map((c) => ({
      kind: c.kind,
      number: c.number,
      issuedBy: c.issued_by,
      expiresOn: c.expires_on,
      expired: c.expires_on < today,
    })),
    aidCertification: valid ? { number: valid.number, expiresOn: valid.expires_on } : null,
    price: reviewPrices(proposal, {
      isPriceRaise: r.reason === "price_raise",
      priceFen: r.price_fen,
      referencePriceFen: r.reference_price_fen,
    }),
  };
}

/** The review with its product, cooperative and county, named in the page's language. */
function reviewRow(db: DB, id: number, l: ReturnType<typeof lang>) {
  return withProductAndOrigin(db)
    .innerJoin("categories as k", "k.code", "p.category_code")
    .select([
      "r.id",
      "r.reason",
      "r.status",
      "r.proposal",
      "r.submitted_at",
      "u.name as submitted_by_name",
      "r.decided_by_name",
      "r.decided_at",
      "r.decision_note",
      "p.id as product_id",
      "p.slug as product_slug",
      "p.name_zh",
      "p.name_en",
      sql.ref<string>(`p.name_${l}`).as("product_name"),
      sql.ref<string>(`p.summary_${l}`).as("summary"),
      sql.ref<string>(`p.unit_${l}`).as("unit"),
      sql.ref<string>(`p.storage_${l}`).as("storage"),
      sql.ref<string>(`k.name_${l}`).as("category_name"),
      "p.status as product_status",
      "p.image",
      "p.stock",
      "p.cold_chain",
      "p.shelf_life_days",
      "p.price_fen",
      "p.reference_price_fen",
      "c.id as cooperative_id",
      "c.slug as cooperative_slug",
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
      "c.kind",
      "c.farmers_reached",
      "c.founded_year",
      "y.code as county_code",
      sql.ref<string>(`y.name_${l}`).as("county_name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
}

type ReviewRow = NonNullable<Awaited<ReturnType<typeof reviewRow>>>;

function productOf(r: ReviewRow): ReviewDetail["product"] {
  return {
    id: r.product_id,
    slug: r.product_slug,
    name: r.product_name,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    summary: r.summary,
    unit: r.unit,
    categoryName: r.category_name,
    status: r.product_status,
    image: r.image,
    stock: r.stock,
    coldChain: r.cold_chain === 1,
    storage: r.storage,
    shelfLifeDays: r.shelf_life_days,
  };
}

export interface DecidedReview {
  id: number;
  reason: ReviewReason;
  status: "approved" | "rejected";
  productId: number;
  productName: string;
  cooperativeName: string;
  decidedAt: string;
  decidedById: number | null;
  decidedByName: string;
  decisionNote: string | null;
}

/** Decided reviews, newest first, each with the officer who answers for it. */
export async function reviewHistory(
  db: DB,
  options: { limit?: number; locale?: Locale } = {},
): Promise<DecidedReview[]> {
  const l = lang(options.locale ?? "zh-CN");
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 20)), 200);
  const rows = await db
    .selectFrom("product_reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .innerJoin("cooperatives as c", "c.id", "r.cooperative_id")
    .select([
      "r.id",
      "r.reason",
      "r.status",
      "p.id as product_id",
      sql.ref<string>(`p.name_${l}`).as("product_name"),
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
      "r.decided_at",
      "r.decided_by",
      "r.decided_by_name",
      "r.decision_note",
    ])
    .where("r.status", "in", ["approved", "rejected"])
    .orderBy("r.decided_at", "desc")
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    status: r.status as "approved" | "rejected",
    productId: r.product_id,
    productName: r.product_name,
    cooperativeName: r.cooperative_name,
    decidedAt: r.decided_at ?? "",
    decidedById: r.decided_by,
    decidedByName: r.decided_by_name ?? "",
    decisionNote: r.decision_note,
  }));
}
