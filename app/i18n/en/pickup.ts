// Collect at a counter: choosing a counter at checkout, the pickup code and QR code, uncollected orders.
export const pickup = {
  title: "Collect at a counter",
} as const;
