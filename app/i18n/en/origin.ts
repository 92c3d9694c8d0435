// The origin pages: a county (/counties/:code) and a cooperative (/cooperatives/:slug).
// Only those two load it, not every page as the storefront's part (the product page's
// JavaScript budget).
import type { Shape } from "../shape";
import type * as zh from "../zh-CN/origin";

export const coopKind: Shape<typeof zh.coopKind> = {
  cooperative: "Farmers' cooperative",
  enterprise: "Enterprise",
  family_farm: "Family farm",
};
export const coop: Shape<typeof zh.coop> = { founded: "Founded {{year}}", products: "On sale" };
export const county: Shape<typeof zh.county> = {
  pairedWith: "Paired with Nanjing {{district}}",
  cooperatives: "Local producers",
  products: "On sale",
};
