export const contrib = {
  title: "contrib",
} as const;
