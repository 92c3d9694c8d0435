// The demo store's shoppers: Nanjing residents and a few institutions that buy for their
// canteens and staff welfare. Fictional names; phones in the 1395180xxxx block, which no demo
// account uses. demo-orders.ts gives each of them orders.
import type { BuyerType, FundingSource } from "../schema";

export const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢".split(
    "",
  );
export const GIVEN_NAMES = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "霞",
  "平",
  "刚",
  "桂英",
  "建华",
  "晓燕",
  "志强",
  "海燕",
  "子涵",
  "雨桐",
  "浩然",
  "欣怡",
  "宇航",
];

/** Where Nanjing shoppers live: district and a street in it. */
export const NANJING_ADDRESSES: Array<{ district: string; street: string }> = [
  { district: "玄武区", street: "珠江路 88 号" },
  { district: "玄武区", street: "北京东路 41 号" },
  { district: "秦淮区", street: "中华路 126 号" },
  { district: "秦淮区", street: "长乐路 9 号" },
  { district: "建邺区", street: "江东中路 369 号" },
  { district: "建邺区", street: "河西大街 66 号" },
  { district: "鼓楼区", street: "中山北路 200 号" },
  { district: "鼓楼区", street: "汉中门大街 301 号" },
  { district: "雨花台区", street: "软件大道 101 号" },
  { district: "雨花台区", street: "雨花南路 18 号" },
  { district: "栖霞区", street: "仙林大道 163 号" },
  { district: "江宁区", street: "双龙大道 1539 号" },
  { district: "江宁区", street: "胜太路 58 号" },
  { district: "浦口区", street: "江浦街道文德路 7 号" },
  { district: "六合区", street: "雄州南路 288 号" },
  { district: "溧水区", street: "珍珠南路 15 号" },
];

export interface DemoInstitution {
  orgName: string;
  buyerType: Exclude<BuyerType, "individual">;
  fundingSource: FundingSource;
  /** who places the orders */
  contactName: string;
  district: string;
  street: string;
  /** 统一社会信用代码, for the invoice */
  taxId: string;
  /** 预留份额 for the year, if the unit has one */
  reservedShareFen: number | null;
}

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    orgName: "南京市雨花台区机关事务管理中心",
    buyerType: "gov_unit",
    fundingSource: "canteen",
    contactName: "钱晓东",
    district: "雨花台区",
    street: "雨花大道 2 号",
    taxId: "11320114MB1234567K",
    reservedShareFen: 12_000_000,
  },
  {
    orgName: "南京市建邺区教育局",
    buyerType: "gov_unit",
    fundingSource: "union_funds",
    contactName: "孔令华",
    district: "建邺区",
    street: "江东中路 269 号",
    taxId: "11320105MB23456784",
    reservedShareFen: 6_000_000,
  },
  {
    orgName: "南京地铁集团工会",
    buyerType: "union",
    fundingSource: "union_funds",
    contactName: "戴红梅",
    district: "鼓楼区",
    street: "中山北路 228 号",
    taxId: "81320100MC34567898",
    reservedShareFen: null,
  },
  {
    orgName: "江苏紫金建设集团有限公司",
    buyerType: "soe",
    fundingSource: "welfare",
    contactName: "严振宇",
    district: "玄武区",
    street: "龙蟠路 155 号",
    taxId: "91320100MA4567890M",
    reservedShareFen: 8_000_000,
  },
  {
    orgName: "南京江宁城建集团",
    buyerType: "soe",
    fundingSource: "canteen",
    contactName: "华建国",
    district: "江宁区",
    street: "金箔路 599 号",
    taxId: "91320115MA5678901L",
    reservedShareFen: null,
  },
  {
    orgName: "南京山海软件有限公司",
    buyerType: "private_enterprise",
    fundingSource: "welfare",
    contactName: "金晓雯",
    district: "雨花台区",
    street: "软件大道 168 号",
    taxId: "91320114MA6789012Y",
    reservedShareFen: null,
  },
  {
    orgName: "南京秦淮文旅发展有限公司",
    buyerType: "private_enterprise",
    fundingSource: "other",
    contactName: "陶雨欣",
    district: "秦淮区",
    street: "平江府路 37 号",
    taxId: "91320104MA7890123Q",
    reservedShareFen: null,
  },
  {
    orgName: "南京市栖霞区总工会",
    buyerType: "union",
    fundingSource: "union_funds",
    contactName: "葛文斌",
    district: "栖霞区",
    street: "文苑路 9 号",
    taxId: "81320113MC89012343",
    reservedShareFen: 3_000_000,
  },
];

/** What the admin wrote when a refund was given, by kind. */
export const REFUND_REASONS = {
  beforeShipping: ["顾客下单后改变主意，发货前申请退款", "收货地址填错，顾客取消重新下单"],
  returned: ["顾客收货后七天无理由退货，已退回", "规格与预期不符，已退货退款"],
  damaged: ["运输途中一件破损，按件退款", "冷链包装漏气，一件变质，按件退款"],
};

export const ORDER_NOTES = [
  "请放快递柜",
  "工作日白天送到单位前台",
  "送人的礼物，请不要放价签",
  "周末在家，随时可送",
  null,
  null,
  null,
  null,
];
