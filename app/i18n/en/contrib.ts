import type { Shape } from "../shape";
import type { contrib as zh } from "../zh-CN/contrib";

export const contrib: Shape<typeof zh> = {
  title: "contrib",
};
