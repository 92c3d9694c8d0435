// Limits and small rules of buyer reviews that pages show and the server checks. Builds no
// zod schema, so a page may import it without pulling zod into the browser (ADR 028).

export const RATINGS = [5, 4, 3, 2, 1] as const;
export const BODY_MIN = 5;
export const BODY_MAX = 500;
export const REPLY_MIN = 2;
export const REPLY_MAX = 300;
export const HIDE_REASON_MIN = 4;
export const HIDE_REASON_MAX = 200;
/** Pictures a buyer may add to one review (each checked like a product picture). */
export const MAX_REVIEW_PICTURES = 3;
/** Reviews shown on the product page itself; the rest are a "more" link away. */
export const PRODUCT_PAGE_REVIEWS = 5;
export const REVIEWS_PER_PAGE = 10;
/** Rows per page of the cooperative's and the office's lists. */
export const LIST_PAGE_SIZE = 20;

/**
 * A reviewer's name as public pages show it: the first character and two stars (王小明 → 王**,
 * Alice → A**), so a review is from someone without saying who. A name of one character
 * still gets the stars, so its length tells nothing either.
 */
export function maskReviewerName(name: string): string {
  const first = Array.from(name.trim())[0];
  return `${first ?? "*"}**`;
}

/** The average to one decimal, or null when nothing is shown (never "0.0 stars"). */
export function ratingAverage(count: number, ratingSum: number): number | null {
  if (count <= 0) return null;
  return Math.round((ratingSum / count) * 10) / 10;
}
