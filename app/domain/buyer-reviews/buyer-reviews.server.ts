// Writing buyer reviews: a buyer's review of a delivered line, the cooperative's one reply,
// and the office's hiding. Each keeps buyer_review_stats (what cards and product pages read)
// right in the same transaction; the tables' triggers bump the catalogue page version.
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { discardImages, inspectImage, writeImageFiles } from "../coop/images.server";
import { DomainError } from "../errors";
import { fileStore, type FileStore } from "../storage/file-store.server";
import { MAX_REVIEW_PICTURES } from "./buyer-review-fields";
import { lineDelivered, lineRefunded } from "./line-eligibility.server";

type Writer = Pick<DB, "insertInto" | "updateTable">;

export interface Actor {
  id: number;
  name: string;
}

const e = (key: string) => `buyerReviews.errors.${key}`;

/** The buyer's own line and what decides whether it may be reviewed; 404 for anyone else's. */
export async function lineForReview(db: DB, userId: number, lineId: number) {
  if (!Number.isSafeInteger(lineId) || lineId <= 0) throw new DomainError(e("notFound"), 404);
  const line = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .leftJoin("buyer_reviews as br", "br.order_line_id", "ol.id")
    .select([
      "ol.id",
      "ol.order_id",
      "ol.product_id",
      "ol.cooperative_id",
      "o.number as order_number",
      "br.id as review_id",
      lineDelivered.as("delivered"),
      lineRefunded.as("refunded"),
    ])
    .where("ol.id", "=", lineId)
    // scoped to the buyer: another person's line is as if it did not exist
    .where("o.user_id", "=", userId)
    .executeTakeFirst();
  if (!line) throw new DomainError(e("notFound"), 404);
  return {
    ...line,
    delivered: Boolean(line.delivered),
    refunded: Boolean(line.refunded),
  };
}

/** Why a line cannot be reviewed now, as a message key; null when it can. */
export function reviewRefusal(line: {
  delivered: boolean;
  refunded: boolean;
  review_id: number | null;
}): string | null {
  if (line.review_id !== null) return e("already");
  if (line.refunded) return e("refunded");
  if (!line.delivered) return e("notDelivered");
  return null;
}

async function addToStats(trx: Writer, productId: number, count: 1 | -1, rating: number) {
  await trx
    .insertInto("buyer_review_stats")
    .values({
      product_id: productId,
      review_count: Math.max(count, 0),
      rating_sum: count > 0 ? rating : 0,
    })
    .onConflict((oc) =>
      oc.column("product_id").doUpdateSet({
        review_count: sql`buyer_review_stats.review_count + ${count}`,
        rating_sum: sql`buyer_review_stats.rating_sum + ${count * rating}`,
      }),
    )
    .execute();
}

interface StoredPicture {
  key: string;
  width: number;
  height: number;
}

/** Checks every picture first (nothing is written if one is bad), then stores each size. */
async function storePictures(pictures: Uint8Array[], store: FileStore): Promise<StoredPicture[]> {
  if (pictures.length > MAX_REVIEW_PICTURES) {
    throw new DomainError(e("tooManyPictures"), 400, { max: MAX_REVIEW_PICTURES }, "pictures");
  }
  const checked = [];
  for (const bytes of pictures) {
    try {
      checked.push({ bytes, ...(await inspectImage(bytes)) });
    } catch (error) {
      // the product-picture checks name their field "image"; here it is "pictures"
      if (error instanceof DomainError) {
        throw new DomainError(error.code, error.status, error.params, "pictures");
      }
      throw error;
    }
  }
  const stored: StoredPicture[] = [];
  try {
    for (const picture of checked) {
      const key = crypto.randomBytes(16).toString("hex");
      await writeImageFiles(picture.bytes, store, key);
      stored.push({ key, width: picture.width, height: picture.height });
    }
  } catch (error) {
    await discardImages(store, stored);
    if (error instanceof DomainError) {
      throw new DomainError(error.code, error.status, error.params, "pictures");
    }
    throw error;
  }
  return stored;
}

export interface SubmitBuyerReview {
  userId: number;
  /** the buyer's name now; public pages show it masked */
  userName: string;
  lineId: number;
  rating: number;
  body: string;
  pictures?: Uint8Array[];
  now?: Date;
  /** where pictures go (tests); the server's configured store otherwise */
  store?: FileStore;
}

/**
 * A buyer's review of one delivered, not refunded line of their own order, once. The
 * unique order_line_id decides a race between two tabs: the loser gets the same clear
 * "already reviewed" as a later attempt.
 */
export async function submitBuyerReview(db: DB, input: SubmitBuyerReview): Promise<number> {
  const now = input.now ?? new Date();
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw new DomainError(e("rating"), 400, {}, "rating");
  }
  const line = await lineForReview(db, input.userId, input.lineId);
  const refusal = reviewRefusal(line);
  if (refusal) throw new DomainError(refusal, 409);

  const pictures = input.pictures ?? [];
  // the store is settled only when there are pictures (the seed writes reviews without any)
  const store = pictures.length ? (input.store ?? fileStore(db)) : null;
  const stored = store ? await storePictures(pictures, store) : [];
  try {
    return await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("buyer_reviews")
        .values({
          order_line_id: line.id,
          order_id: line.order_id,
          product_id: line.product_id,
          cooperative_id: line.cooperative_id,
          user_id: input.userId,
          reviewer_name: input.userName,
          rating: input.rating,
          body: input.body,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column("order_line_id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) throw new DomainError(e("already"), 409);
      for (const [sort, picture] of stored.entries()) {
        await trx
          .insertInto("buyer_review_images")
          .values({
            review_id: inserted.id,
            key: picture.key,
            width: picture.width,
            height: picture.height,
            sort,
          })
          .execute();
      }
      await addToStats(trx, line.product_id, 1, input.rating);
      return inserted.id;
    });
  } catch (error) {
    if (store) await discardImages(store, stored);
    throw error;
  }
}

/**
 * The cooperative's one reply to a review of its own product. Another cooperative's review
 * is refused as forbidden; a second reply, or one to a hidden review, is a clear 409.
 */
export async function replyToBuyerReview(
  db: DB,
  input: { cooperativeId: number; reviewId: number; reply: string; actor: Actor; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const updated = await db
    .updateTable("buyer_reviews")
    .set({
      reply_body: input.reply,
      replied_at: now.toISOString(),
      replied_by: input.actor.id,
      replied_by_name: input.actor.name,
    })
    .where("id", "=", input.reviewId)
    .where("cooperative_id", "=", input.cooperativeId)
    .where("reply_body", "is", null)
    .where("hidden_at", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return;
  const review = await db
    .selectFrom("buyer_reviews")
    .select(["reply_body", "hidden_at"])
    .where("id", "=", input.reviewId)
    .where("cooperative_id", "=", input.cooperativeId)
    .executeTakeFirst();
  if (!review) throw new DomainError(e("notFound"), 404);
  if (review.reply_body !== null) throw new DomainError(e("alreadyReplied"), 409);
  throw new DomainError(e("hiddenNoReply"), 409);
}

/**
 * Hides a review from public pages and averages, with who, when and why on the row. The
 * review and its pictures stay: the buyer still sees it, marked, and the office can audit.
 */
export async function hideBuyerReview(
  db: DB,
  input: { reviewId: number; reason: string; actor: Actor; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom("buyer_reviews")
      .select(["id", "product_id", "rating", "hidden_at"])
      .where("id", "=", input.reviewId)
      .executeTakeFirst();
    if (!review) throw new DomainError(e("notFound"), 404);
    const updated = await trx
      .updateTable("buyer_reviews")
      .set({
        hidden_at: now.toISOString(),
        hidden_by: input.actor.id,
        hidden_by_name: input.actor.name,
        hidden_reason: input.reason,
      })
      .where("id", "=", review.id)
      .where("hidden_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError(e("alreadyHidden"), 409);
    await addToStats(trx, review.product_id, -1, review.rating);
  });
}
