// What is in each gift box (category "bundle"): a sale of a box credits each component to
// its own county and cooperative (product_components), by its share of the box's price.
// Shares are in basis points and add up to 10000 per box; they follow the components'
// retail value (the taster box holds smaller packs than the shop's own units, so its
// vermicelli and dandelion tea are weighted by what is actually in the box).
export interface SeedBundle {
  /** SeedProduct.slug of the box */
  bundle: string;
  components: Array<{ slug: string; quantity: number; shareBp: number }>;
}

export const bundles: SeedBundle[] = [
  {
    // 三县帮扶礼包（工会福利款）: Datong, Huangyuan and Huangzhong
    bundle: "three-county-gift-box",
    components: [
      { slug: "barley-rice", quantity: 1, shareBp: 1936 }, // 大通 青稞米 2.5 kg
      { slug: "aged-vinegar", quantity: 1, shareBp: 1449 }, // 湟源 陈醋 500 mL×2
      { slug: "yak-jerky", quantity: 1, shareBp: 4280 }, // 湟源 牦牛肉干 250 g
      { slug: "goji-leaf-tea", quantity: 1, shareBp: 2335 }, // 湟中 枸杞芽茶 100 g
    ],
  },
  {
    // 三县帮扶礼包（尝鲜款）
    bundle: "taster-gift-box",
    components: [
      { slug: "barley-noodles", quantity: 1, shareBp: 2663 }, // 湟中 青稞挂面 1 kg
      { slug: "aged-vinegar", quantity: 1, shareBp: 3480 }, // 湟源 陈醋 500 mL×2
      { slug: "potato-vermicelli", quantity: 1, shareBp: 1813 }, // 大通 洋芋粉条 (1 kg in the box)
      { slug: "dandelion-tea", quantity: 1, shareBp: 2044 }, // 湟源 蒲公英茶 (50 g in the box)
    ],
  },
];
