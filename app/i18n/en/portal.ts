import type { Shape } from "../shape";
import type { portal as zh } from "../zh-CN/portal";

export const portal: Shape<typeof zh> = {
  title: "portal",
};
