// Deciding reviews (谁审核谁负责). A decision is final: only a pending review can be
// decided, and the officer's id and name at that moment are written on the review and in
// the audit log.
import type { DB } from "#db/connection";
import type { ReviewReason } from "#db/schema";
import { shanghaiDate } from "~/utils/time";
import { aidCertification } from "../catalog/eligibility";
import { DomainError, NotFoundError } from "../errors";
import { noteSchema, rejectReasonSchema } from "./review-input";
import { parseProposal, proposedPrice } from "./review-proposal.server";

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

type PendingRow = Awaited<ReturnType<typeof pendingReviewFor>>;
type ProductState = { status: PendingRow["product_status"]; priceFen: number };

/**
 * Decides a pending review in one transaction: what the decision does to the product,
 * then the decision on the review and its line in the audit log, before and after.
 */
function decide(
  db: DB,
  input: { reviewId: number; officer: Officer; now: Date },
  decision: { status: "approved" | "rejected"; note: string | null },
  applyToProduct: (trx: DB, review: PendingRow, after: ProductState) => Promise<void>,
): Promise<{ productId: number; reason: ReviewReason }> {
  return db.transaction().execute(async (trx) => {
    const review = await pendingReviewFor(trx, input.reviewId);
    const before: ProductState = { status: review.product_status, priceFen: review.price_fen };
    const after = { ...before };
    await applyToProduct(trx, review, after);
    await recordDecision(trx, review.id, decision.status, input.officer, decision.note, input.now);
    await audit(trx, {
      officer: input.officer,
      productId: review.product_id,
      cooperativeId: review.cooperative_id,
      action: decision.status === "approved" ? "review_approved" : "review_rejected",
      before,
      after,
      why: decision.note,
      now: input.now,
    });
    return { productId: review.product_id, reason: review.reason };
  });
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
  const now = input.now ?? new Date();
  const decision = { status: "approved" as const, note: parsedNote.data };
  return decide(db, { ...input, now }, decision, async (trx, review, after) => {
    if (review.reason === "price_raise") {
      const price = proposedPrice(parseProposal(review.proposal));
      if (price === null) throw new DomainError("review.errors.badProposal", 409);
      await trx
        .updateTable("products")
        .set({ price_fen: price, updated_at: now.toISOString() })
        .where("id", "=", review.product_id)
        .execute();
      after.priceFen = price;
      return;
    }
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
  const now = input.now ?? new Date();
  const decision = { status: "rejected" as const, note: parsedReason.data };
  return decide(db, { ...input, now }, decision, async (trx, review, after) => {
    if (review.reason === "price_raise" || review.product_status !== "pending_review") return;
    await trx
      .updateTable("products")
      .set({ status: "draft", updated_at: now.toISOString() })
      .where("id", "=", review.product_id)
      .where("status", "=", "pending_review")
      .execute();
    after.status = "draft";
  });
}
