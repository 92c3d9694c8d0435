// 南京专柜与体验馆的公开页面（/counters）和商品页上的“哪里有货”。
export const counters = {
  title: "南京专柜",
} as const;

// the other sections of the counters' part (app/i18n/messages.ts), loaded with it as one chunk
export { pickup } from "./pickup";
export { counterDesk } from "./counterDesk";
export { till } from "./till";
