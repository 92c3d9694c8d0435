import type { ReviewReason } from "#db/schema";

// What a review page asks of the officer, beside the facts. Plain (no .server imports): the
// page decides what to draw with these in the browser as well.

/** Above this much over the market reference the officer is asked to check the price. */
export const FAR_ABOVE_REFERENCE_PERCENT = 30;

/** Whether the price that would apply is far enough above the market reference to check. */
export function isFarAboveReference(overReferencePercent: number | null): boolean {
  return overReferencePercent !== null && overReferencePercent > FAR_ABOVE_REFERENCE_PERCENT;
}

/**
 * Whether approving rests on the aid certification: a new or changed product goes on sale
 * only with a valid one (approveReview refuses otherwise); a price raise does not need it.
 */
export function approvalNeedsCertificate(reason: ReviewReason): boolean {
  return reason !== "price_raise";
}

/** Whether the page warns, before any attempt, that approval will be refused. */
export function approvalWillBeRefused(review: {
  reason: ReviewReason;
  aidCertification: unknown;
}): boolean {
  return approvalNeedsCertificate(review.reason) && !review.aidCertification;
}
