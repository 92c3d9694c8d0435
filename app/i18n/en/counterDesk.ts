// The counter desk (/counter): find and hand over orders, receive transfers, count stock.
export const counterDesk = {
  title: "Counter desk",
  nav: {
    label: "Counter desk navigation",
    handover: "Pickups",
    till: "Till",
    transfers: "Transfers in",
    stock: "Stock count",
  },
} as const;
