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
    backToAccount: "Back to my account",
  },
  manage: {
    title: "Product pictures",
    lead: "The first is the cover, shown on product cards and the product page. Up to {{max}}.",
    cover: "Cover",
    position: "Picture {{n}}",
    moveUp: "Move up",
    moveDown: "Move down",
    remove: "Remove",
    moveUpNamed: "Move picture {{n}} up",
    moveDownNamed: "Move picture {{n}} down",
    removeNamed: "Remove picture {{n}}",
    none: "No pictures uploaded yet: the product page shows the default illustration.",
    files: "Upload pictures (you may choose several)",
    alt: "Description (optional)",
    altHint: "Say briefly what the picture shows, for blind visitors; at most 120 characters.",
    newFiles: "Product pictures (optional, you may choose several)",
    newFilesHint:
      "JPEG, PNG or WebP, at most 5 MB each, at least 400×300 pixels. The first is the cover; you can reorder them later.",
  },
  errors: {
    galleryFull: "A product has at most {{max}} pictures: remove some first.",
    noSuchImage: "That picture is not there any more; the page may be out of date, please reload.",
    lastImage: "A product keeps at least one picture: upload a new one before removing this.",
    altTooLong: "The description is at most {{max}} characters.",
    favourite: "This product cannot be saved: it may no longer be on sale.",
  },
} as const;
