// The counter desk (/counter): find and hand over orders, receive transfers, count stock.
export const counterDesk = {
  title: "Counter desk",
} as const;
