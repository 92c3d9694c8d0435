// The Nanjing counters' public pages (/counters) and "where to find it" on product pages.
export const counters = {
  title: "Counters in Nanjing",
} as const;
