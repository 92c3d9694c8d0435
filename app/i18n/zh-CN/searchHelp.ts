// 搜索没有结果（或很少）时的提示：按拼音、同音字和拼写相近的词给出建议。
export const searchHelp = {
  didYouMean: "您是不是要找：",
  suggestions: "搜索建议",
  tip: "也可以用拼音或首字母搜索，例如 maoniu、mn。",
} as const;
