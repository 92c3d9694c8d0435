// 到店自提：结算时选择专柜、订单页上的取货码和二维码、未取件提醒。
export const pickup = {
  title: "到店自提",
} as const;
