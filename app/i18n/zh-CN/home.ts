// 首页（/）：当季推荐、三个县区，以及也在“我的帮扶”和帮扶办首页上的年度帮扶金额。
// 只有这些页面加载它，不在每页都加载的商店部分里（商品页的 JavaScript 预算）。
export const home = {
  transparencyLink: "帮扶数据公开与核对",
  title: "买高原好物，帮西宁农户",
  lead: "牦牛肉、高原草莓、湟中鲜奶、青稞、青绣……来自西宁三县区合作社，经消费帮扶产品认定，每一元都记入帮扶成果。",
  shopNow: "去逛逛",
  aidTotalTitle: "{{year}} 年消费帮扶金额",
  aidWan: "合 {{wan}} 万元",
  aidOrders: "已付款订单",
  aidCooperatives: "受益合作社",
  countiesTitle: "三个县区，三段结对",
  countiesLead: "西宁的大通、湟源、湟中与南京的雨花台、六合、栖霞一一结对。",
  pairedWith: "结对南京{{district}}",
  productCount: "{{count}} 件商品",
  featuredTitle: "当季推荐",
  seeAll: "查看全部",
  collectionsTitle: "特色专柜",
} as const;
