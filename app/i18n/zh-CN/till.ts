// 柜台收银（/counter/till）和帮扶办的销售渠道统计。
export const till = {
  title: "柜台收银",
} as const;
