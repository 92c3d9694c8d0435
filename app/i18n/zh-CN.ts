// 默认语言。每个区域一个文件（zh-CN/*.ts），键名与 en/*.ts 一一对应（类型检查和测试都会核对）。
import type { Shape } from "./shape";
import { store } from "./zh-CN/store";

const zhCN = { ...store } as const;

export default zhCN;
export type Messages = Shape<typeof zhCN>;
