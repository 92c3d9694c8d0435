// 柜台工作台（/counter）：查找订单并交付、接收调拨、盘点库存。
export const counterDesk = {
  title: "柜台工作台",
  nav: {
    label: "柜台工作台导航",
    handover: "自提交付",
    till: "收银",
    transfers: "调拨入库",
    stock: "库存盘点",
  },
} as const;
