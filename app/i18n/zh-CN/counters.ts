// 南京专柜与体验馆的公开页面（/counters）和商品页上的“哪里有货”。
export const counters = {
  title: "南京专柜",
  description: "在南京的青海消费帮扶专柜和体验馆：地址、营业时间，以及现在店里有什么货。",
  lead: "在南京，也可以到这些专柜和体验馆买到青海的认证帮扶产品：看看地址、营业时间和现在店里有什么货。",
  empty: "暂时还没有专柜。",
  address: "地址",
  district: "所在区",
  hours: "营业时间",
  phone: "电话",
  map: "在地图上查看",
  mapNamed: "在地图上查看{{name}}（新窗口打开）",
  shelfTitle: "现在有货",
  shelfEmpty: "这家店暂时没有货，欢迎稍后再来看看。",
  pickup: "结账时可以选择“到店自提”，在{{name}}取货，免运费。",
} as const;

// the other sections of the counters' part (app/i18n/messages.ts), loaded with it as one chunk
export { pickup } from "./pickup";
export { counterDesk } from "./counterDesk";
export { till } from "./till";
