// The counter till (/counter/till) and the aid office's sales-channel breakdown.
export const till = {
  title: "Counter till",
} as const;
