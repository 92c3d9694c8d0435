export const fulfil = {
  title: "fulfil",
} as const;
