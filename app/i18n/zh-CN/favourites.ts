// 我的收藏（收藏页、账户页的入口和收藏的错误提示）。从 productPage.ts 分出，商品页不必加载这些文字。
export const favourites = {
  title: "我的收藏",
  lead: "您收藏的在售商品，最新收藏的在前。",
  empty: "还没有收藏商品。在商品页点“收藏”，它就会出现在这里。",
  browse: "去逛逛",
  remove: "取消收藏",
  removed: "已取消收藏。",
  accountLink: "我的收藏",
  accountLinkHint: "收藏的商品集中在这里，方便以后购买。",
  error: "无法收藏这件商品：它可能已下架。",
  backToAccount: "返回我的账户",
} as const;
