// The Nanjing counters' public pages (/counters) and "where to find it" on product pages.
export const counters = {
  title: "Counters in Nanjing",
  description:
    "Where to buy Qinghai's certified aid products in person in Nanjing: addresses, opening hours and what each counter has now.",
  lead: "In Nanjing you can also buy Qinghai's certified aid products in person at these counters: their addresses, opening hours and what they have on the shelf now.",
  empty: "There are no counters yet.",
  address: "Address",
  district: "District",
  hours: "Opening hours",
  phone: "Phone",
  map: "Show on the map",
  mapNamed: "Show {{name}} on the map (opens in a new tab)",
  shelfTitle: "On the shelf now",
  shelfEmpty: "Nothing on the shelf just now; please look again later.",
  pickup:
    "At checkout you can choose to collect your order at {{name}} (到店自提), with no delivery fee.",
} as const;

// the other sections of the counters' part (app/i18n/messages.ts), loaded with it as one chunk
export { pickup } from "./pickup";
export { counterDesk } from "./counterDesk";
export { till } from "./till";
