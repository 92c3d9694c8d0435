import type { Shape } from "../shape";
import type { productManage as zh } from "../zh-CN/productManage";

export const productManage: Shape<typeof zh> = {
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
  files: "Choose pictures (you may choose several)",
  alt: "Description (optional)",
  altHint: "Say briefly what the picture shows, for blind visitors; at most 120 characters.",
  newFiles: "Product pictures (optional, you may choose several)",
  newFilesHint:
    "JPEG, PNG or WebP, at most 5 MB each, at least 400×300 pixels. The first is the cover; you can reorder them later.",
  errors: {
    galleryFull: "A product has at most {{max}} pictures: remove some first.",
    noSuchImage: "That picture is not there any more; the page may be out of date, please reload.",
    lastImage: "A product keeps at least one picture: upload a new one before removing this.",
    altTooLong: "The description is at most {{max}} characters.",
  },
} as const;
