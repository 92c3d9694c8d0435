import type { Shape } from "../shape";
import type { dash as zh } from "../zh-CN/dash";

export const dash: Shape<typeof zh> = {
  title: "dash",
};
