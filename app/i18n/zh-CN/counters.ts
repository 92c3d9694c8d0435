// 南京专柜与体验馆的公开页面（/counters）和商品页上的“哪里有货”。
export const counters = {
  title: "南京专柜",
} as const;
