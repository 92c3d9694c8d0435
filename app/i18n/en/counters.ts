// The Nanjing counters' public pages (/counters) and "where to find it" on product pages.
export const counters = {
  title: "Counters in Nanjing",
} as const;

// the other sections of the counters' part (app/i18n/messages.ts), loaded with it as one chunk
export { pickup } from "./pickup";
export { counterDesk } from "./counterDesk";
export { till } from "./till";
