// 公开页面上的买家评价：商品页与商品卡片的评分、评价列表（买家评价的其余文字在 buyerReviews.ts）。
export const buyerRatings = {
  sectionTitle: "买家评价",
  summary: "{{average}} 分 · {{count}} 条评价",
  none: "还没有评价。收到商品的买家可以在订单页评价。",
  stars: "{{rating}} 星（满分 5 星）",
  average: "平均 {{average}} 分（满分 5 分）",
  cardSummary: "{{average}} 分 · {{count}} 条评价",
  more: "查看全部 {{count}} 条评价",
  allTitle: "{{product}} 的买家评价",
  backToProduct: "返回商品",
  verified: "已购买",
  reply: "合作社回复",
  pictureAlt: "买家拍摄的商品图片 {{n}}",
  /** the portals' navigation links */
  coopNav: "买家评价",
  officeNav: "买家评价管理",
};
