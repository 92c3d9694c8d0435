// My favourites (the favourites page, its link on the account page, the favourite error).
// Split from productPage.ts so the product page does not load these words.
import type { Shape } from "../shape";
import type { favourites as zh } from "../zh-CN/favourites";
export const favourites: Shape<typeof zh> = {
  title: "My favourites",
  lead: "Products you saved that are on sale, the latest first.",
  empty: "No favourites yet. Tap “Save to favourites” on a product page and it appears here.",
  browse: "Browse products",
  remove: "Remove",
  removed: "Removed from your favourites.",
  accountLink: "My favourites",
  accountLinkHint: "The products you saved, in one place for later.",
  error: "This product cannot be saved: it may no longer be on sale.",
  backToAccount: "Back to my account",
};
