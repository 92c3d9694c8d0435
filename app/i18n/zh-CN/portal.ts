export const portal = {
  title: "portal",
} as const;
