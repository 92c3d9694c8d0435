import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { ProductStatus, ReviewReason, ReviewStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { aidCertification } from "../catalog/eligibility";
import { DomainError, NotFoundError } from "../errors";
import { noteSchema, percentChange, rejectReasonSchema } from "./review-input";

// Review before sale (谁审核谁负责). The cooperative portal opens reviews; aid officers
// decide them here. A decision is final: only a pending review can be decided, and the
// officer's id and name at that moment are written on the review and in the audit log.

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

function parseProposal(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const fen = (v: unknown): number | null =>
  typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : null;

/** The price a price-raise review asks for, or null if the proposal has none that is valid. */
function proposedPrice(proposal: Record<string, unknown>): number | null {
  return fen(proposal.priceFen);
}

/** Proposal keys the portal writes and this page shows in its own way. */
const KNOWN_PROPOSAL_KEYS = new Set(["priceFen", "previousPriceFen", "changed"]);

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
  const rows = await db
    .selectFrom("product_reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .innerJoin("cooperatives as c", "c.id", "r.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .leftJoin("users as u", "u.id", "r.submitted_by")
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
  const l = lang(locale);
  const r = await db
    .selectFrom("product_reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .innerJoin("cooperatives as c", "c.id", "r.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .innerJoin("categories as k", "k.code", "p.category_code")
    .leftJoin("users as u", "u.id", "r.submitted_by")
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
  const proposed = r.reason === "price_raise" ? proposedPrice(proposal) : null;
  const applies = proposed ?? r.price_fen;
  const changedFields = Array.isArray(proposal.changed)
    ? proposal.changed.filter((f): f is string => typeof f === "string")
    : [];
  const otherChanges = Object.entries(proposal)
    .filter(([field]) => !KNOWN_PROPOSAL_KEYS.has(field))
    .map(([field, value]) => ({
      field,
      value: typeof value === "string" ? value : JSON.stringify(value),
    }));
  const previous = fen(proposal.previousPriceFen);

  return {
    id: r.id,
    reason: r.reason,
    status: r.status,
    submittedAt: r.submitted_at,
    submittedByName: r.submitted_by_name,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    changedFields,
    otherChanges,
    product: {
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
    },
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
    price: {
      currentFen: r.price_fen,
      previousFen: previous !== null && previous !== r.price_fen ? previous : null,
      proposedFen: proposed,
      changePercent: proposed === null ? null : percentChange(r.price_fen, proposed),
      referenceFen: r.reference_price_fen,
      overReferencePercent:
        r.reference_price_fen && applies > r.reference_price_fen
          ? percentChange(r.reference_price_fen, applies)
          : null,
    },
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

// ---------------------------------------------------------------------------------------
// Deciding

export interface Officer {
  id: number;
  name: string;
}

async function pendingReviewFor(trx: DB, reviewId: number) {
  const review = await trx
    .selectFrom("product_reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select([
      "r.id",
      "r.reason",
      "r.status",
      "r.proposal",
      "r.product_id",
      "r.cooperative_id",
      "p.status as product_status",
      "p.price_fen",
    ])
    .where("r.id", "=", reviewId)
    .executeTakeFirst();
  if (!review) throw new NotFoundError("review");
  if (review.status !== "pending") throw new DomainError("review.errors.alreadyDecided", 409);
  return review;
}

/** Marks the review decided, only if it still is pending (two officers at once: one wins). */
async function recordDecision(
  trx: DB,
  reviewId: number,
  status: "approved" | "rejected",
  officer: Officer,
  note: string | null,
  now: Date,
) {
  const result = await trx
    .updateTable("product_reviews")
    .set({
      status,
      decided_by: officer.id,
      decided_by_name: officer.name,
      decided_at: now.toISOString(),
      decision_note: note,
    })
    .where("id", "=", reviewId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new DomainError("review.errors.alreadyDecided", 409);
  }
}

async function audit(
  trx: DB,
  entry: {
    officer: Officer;
    productId: number;
    cooperativeId: number;
    action: "review_approved" | "review_rejected";
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    why: string | null;
    now: Date;
  },
) {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.officer.id,
      actor_name: entry.officer.name,
      entity: "product",
      entity_id: entry.productId,
      cooperative_id: entry.cooperativeId,
      action: entry.action,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
      why: entry.why,
      at: entry.now.toISOString(),
    })
    .execute();
}

/** A decision without a named officer would break 谁审核谁负责: that is a bug, not input. */
function checkOfficer(officer: Officer) {
  if (!Number.isSafeInteger(officer.id) || !officer.name.trim()) {
    throw new Error("a review is decided by an officer with an id and a name");
  }
}

/**
 * Approves a pending review. For a new or changed product the product must hold an aid
 * certification (消费帮扶产品认定) valid on today's Shanghai date; it then goes on sale.
 * For a price raise the requested price takes effect. The officer answers for it by name.
 */
export async function approveReview(
  db: DB,
  input: { reviewId: number; officer: Officer; note?: string | null; now?: Date },
): Promise<{ productId: number; reason: ReviewReason }> {
  checkOfficer(input.officer);
  const parsedNote = noteSchema.safeParse(input.note);
  if (!parsedNote.success) throw new DomainError("review.errors.note", 400, {}, "note");
  const note = parsedNote.data;
  const now = input.now ?? new Date();

  return db.transaction().execute(async (trx) => {
    const review = await pendingReviewFor(trx, input.reviewId);
    const before = { status: review.product_status, priceFen: review.price_fen };
    const after = { ...before };
    if (review.reason === "price_raise") {
      const price = proposedPrice(parseProposal(review.proposal));
      if (price === null) throw new DomainError("review.errors.badProposal", 409);
      await trx
        .updateTable("products")
        .set({ price_fen: price, updated_at: now.toISOString() })
        .where("id", "=", review.product_id)
        .execute();
      after.priceFen = price;
    } else {
      if (review.product_status === "archived") {
        throw new DomainError("review.errors.productArchived", 409);
      }
      const certs = await trx
        .selectFrom("product_certifications")
        .select(["kind", "number", "expires_on"])
        .where("product_id", "=", review.product_id)
        .where("kind", "=", "aid")
        .execute();
      if (!aidCertification(certs, shanghaiDate(now))) {
        throw new DomainError("review.errors.noValidCert", 409);
      }
      await trx
        .updateTable("products")
        .set({ status: "active", updated_at: now.toISOString() })
        .where("id", "=", review.product_id)
        .execute();
      after.status = "active";
    }
    await recordDecision(trx, review.id, "approved", input.officer, note, now);
    await audit(trx, {
      officer: input.officer,
      productId: review.product_id,
      cooperativeId: review.cooperative_id,
      action: "review_approved",
      before,
      after,
      why: note,
      now,
    });
    return { productId: review.product_id, reason: review.reason };
  });
}

/**
 * Rejects a pending review with a reason the cooperative manager sees. A new or changed
 * product goes back to draft, so it stays out of the store until it is fixed and sent
 * again; a rejected price raise leaves the price as it was.
 */
export async function rejectReview(
  db: DB,
  input: { reviewId: number; officer: Officer; reason: string; now?: Date },
): Promise<{ productId: number; reason: ReviewReason }> {
  checkOfficer(input.officer);
  const parsedReason = rejectReasonSchema.safeParse(input.reason);
  if (!parsedReason.success) throw new DomainError("review.errors.reason", 400, {}, "reason");
  const why = parsedReason.data;
  const now = input.now ?? new Date();

  return db.transaction().execute(async (trx) => {
    const review = await pendingReviewFor(trx, input.reviewId);
    const before = { status: review.product_status, priceFen: review.price_fen };
    const after = { ...before };
    if (review.reason !== "price_raise" && review.product_status === "pending_review") {
      await trx
        .updateTable("products")
        .set({ status: "draft", updated_at: now.toISOString() })
        .where("id", "=", review.product_id)
        .where("status", "=", "pending_review")
        .execute();
      after.status = "draft";
    }
    await recordDecision(trx, review.id, "rejected", input.officer, why, now);
    await audit(trx, {
      officer: input.officer,
      productId: review.product_id,
      cooperativeId: review.cooperative_id,
      action: "review_rejected",
      before,
      after,
      why,
      now,
    });
    return { productId: review.product_id, reason: review.reason };
  });
}
