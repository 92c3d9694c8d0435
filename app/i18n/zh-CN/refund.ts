export const refund = {
  title: "refund",
} as const;
