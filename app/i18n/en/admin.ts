import type { Shape } from "../shape";
import type { admin as zh } from "../zh-CN/admin";

export const admin: Shape<typeof zh> = {
  title: "admin",
};
