export const dash = {
  title: "dash",
} as const;
