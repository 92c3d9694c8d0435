// 柜台工作台（/counter）：查找订单并交付、接收调拨、盘点库存。
export const counterDesk = {
  title: "柜台工作台",
} as const;
