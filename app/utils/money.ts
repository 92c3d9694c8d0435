const formatters = new Map<string, Intl.NumberFormat>();

/** ¥128.00 from 12800 fen. Money is integer fen everywhere; this is the only edge. */
export function formatFen(fen: number, locale = "zh-CN"): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN", {
      style: "currency",
      currency: "CNY",
      currencyDisplay: "narrowSymbol",
    });
    formatters.set(locale, f);
  }
  return f.format(fen / 100);
}

export function assertFen(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer number of fen: ${value}`);
  return value;
}
