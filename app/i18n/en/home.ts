// The home page (/): featured goods, the three counties, and the year's aid total that
// /account/aid and the aid office's home show too. Only those pages load it, not every page
// as the storefront's part (the product page's JavaScript budget).
import type { Shape } from "../shape";
import type { home as zh } from "../zh-CN/home";

export const home: Shape<typeof zh> = {
  transparencyLink: "See and check the aid figures",
  title: "Plateau goods that help Xining's farmers",
  lead: "Yak meat, plateau strawberries, Huangzhong fresh milk, highland barley, Qinghai embroidery… from cooperatives in Xining's three counties, certified as consumption-aid products. Every yuan is counted.",
  shopNow: "Start shopping",
  aidTotalTitle: "Consumption aid in {{year}}",
  aidWan: "{{wan}} × 10,000 yuan",
  aidOrders: "Paid orders",
  aidCooperatives: "Cooperatives reached",
  countiesTitle: "Three counties, three pairings",
  countiesLead:
    "Xining's Datong, Huangyuan and Huangzhong are each paired with a Nanjing district: Yuhuatai, Luhe and Qixia.",
  pairedWith: "Paired with Nanjing {{district}}",
  productCount: "Goods: {{count}}",
  featuredTitle: "In season",
  seeAll: "See all",
  collectionsTitle: "Counters",
};
