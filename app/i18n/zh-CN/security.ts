// 输入被拒绝时的提示，例如表单里的不可见控制字符。
export const security = {
  controlCharacters:
    "这里含有不可见的控制字符（常见于从别处复制粘贴），已为你删除，请检查后重新提交。",
  unreadableCharacters: "这里有无法识别的字符（发送时文字已损坏），已为你删除，请检查后重新提交。",
};
