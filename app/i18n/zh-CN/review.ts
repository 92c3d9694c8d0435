export const review = {
  title: "review",
} as const;
