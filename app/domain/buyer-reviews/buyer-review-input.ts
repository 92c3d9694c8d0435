import { z } from "zod";
import {
  BODY_MAX,
  BODY_MIN,
  HIDE_REASON_MAX,
  HIDE_REASON_MIN,
  REPLY_MAX,
  REPLY_MIN,
} from "./buyer-review-fields";

// What buyers, cooperatives and the office submit about buyer reviews. Messages are catalogue
// keys under buyerReviews.errors.*, shown beside the field. No .server imports here.
export * from "./buyer-review-fields";

const e = (key: string) => `buyerReviews.errors.${key}`;

/** A whole star count from the radio group: "1" to "5" and nothing else. */
const ratingField = z
  .string({ error: e("rating") })
  .regex(/^[1-5]$/, e("rating"))
  .transform(Number);

const text = (min: number, max: number, key: string) =>
  z
    .string({ error: e(key) })
    .trim()
    .min(min, e(key))
    .max(max, e(`${key}TooLong`));

export const buyerReviewSchema = z.object({
  rating: ratingField,
  body: text(BODY_MIN, BODY_MAX, "body"),
});
export type BuyerReviewInput = z.output<typeof buyerReviewSchema>;

export const replySchema = z.object({
  reviewId: z.string({ error: e("badRequest") }).regex(/^[1-9]\d{0,11}$/, e("badRequest")),
  reply: text(REPLY_MIN, REPLY_MAX, "reply"),
});

export const hideSchema = z.object({
  reviewId: z.string({ error: e("badRequest") }).regex(/^[1-9]\d{0,11}$/, e("badRequest")),
  reason: text(HIDE_REASON_MIN, HIDE_REASON_MAX, "reason"),
});

/** Multi-line fields: a line break is text there. */
export const BUYER_REVIEW_MULTILINE = ["body", "reply", "reason"] as const;
