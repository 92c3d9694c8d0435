import type { Shape } from "../shape";
import type { auth as zh } from "../zh-CN/auth";

export const auth: Shape<typeof zh> = {
  title: "auth",
};
