// 产地页：县区页（/counties/:code）和合作社页（/cooperatives/:slug）。
// 只有这两页加载它，不在每页都加载的商店部分里（商品页的 JavaScript 预算）。
export const coopKind = {
  cooperative: "农民专业合作社",
  enterprise: "企业",
  family_farm: "家庭农场",
} as const;
export const coop = { founded: "成立于 {{year}} 年", products: "在售商品" } as const;
export const county = {
  pairedWith: "与南京{{district}}结对协作",
  cooperatives: "本地生产者",
  products: "在售商品",
} as const;
