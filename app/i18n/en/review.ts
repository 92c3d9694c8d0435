import type { Shape } from "../shape";
import type { review as zh } from "../zh-CN/review";

export const review: Shape<typeof zh> = {
  title: "review",
};
