import type { Shape } from "../shape";
import type { refund as zh } from "../zh-CN/refund";

export const refund: Shape<typeof zh> = {
  title: "refund",
};
