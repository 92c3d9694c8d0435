import type { Shape } from "../shape";
import type { buyerRatings as zh } from "../zh-CN/buyerRatings";

export const buyerRatings: Shape<typeof zh> = {
  sectionTitle: "Buyer reviews",
  summary: "{{average}} out of 5 · reviews: {{count}}",
  none: "No reviews yet. Buyers who received this product can review it from their order page.",
  stars: "{{rating}} out of 5 stars",
  average: "Average {{average}} out of 5",
  cardSummary: "{{average}} · reviews: {{count}}",
  more: "See all reviews ({{count}})",
  allTitle: "Buyer reviews of {{product}}",
  backToProduct: "Back to the product",
  verified: "Verified purchase",
  reply: "The cooperative replied",
  pictureAlt: "Buyer's photo {{n}}",
  /** the portals' navigation links */
  coopNav: "Buyer reviews",
  officeNav: "Buyer reviews",
};
