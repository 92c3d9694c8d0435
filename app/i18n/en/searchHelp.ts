import type { Shape } from "../shape";
import type { searchHelp as zh } from "../zh-CN/searchHelp";

export const searchHelp: Shape<typeof zh> = {
  didYouMean: "Did you mean:",
  suggestions: "Search suggestions",
  tip: "You can also search in pinyin or by initials, for example maoniu or mn.",
};
