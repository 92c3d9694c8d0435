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
  pickupAt: "Collect in person at:",
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
} as const;
