import type { Shape } from "../shape";
import type { productPage as zh } from "../zh-CN/productPage";
export const productPage: Shape<typeof zh> = {
  gallery: {
    label: "Product pictures",
    thumbs: "Choose a picture",
    show: "Show picture {{n}}",
    alt: "{{name}} (picture {{n}})",
  },
  sold: "{{count}} sold",
  soldStep: "{{count}}+ sold",
  buyNow: "Buy now",
  favourite: {
    add: "Save to favourites",
    remove: "In favourites (remove)",
    login: "Sign in to save",
    addNamed: "Save {{name}} to favourites",
    removeNamed: "Remove {{name}} from favourites",
  },
  related: {
    title: "You may also like",
    lead: "From the same county or category, in stock now.",
  },
  favourites: {
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
  },
} as const;
