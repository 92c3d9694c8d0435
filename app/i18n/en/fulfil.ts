import type { Shape } from "../shape";
import type { fulfil as zh } from "../zh-CN/fulfil";

export const fulfil: Shape<typeof zh> = {
  title: "fulfil",
};
