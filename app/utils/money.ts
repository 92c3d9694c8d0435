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

const wanFormatters = new Map<string, Intl.NumberFormat>();

/**
 * 万元 to two decimals, as aid reports write them: 12345678 fen (¥123,456.78) → "12.35".
 * Rounds half away from zero on the integer number of fen, so no float error can tip it.
 */
export function formatWan(fen: number, locale = "zh-CN"): string {
  let f = wanFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    wanFormatters.set(locale, f);
  }
  // hundredths of 万元 are 100 元 = 10000 fen
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000);
  return f.format(fen < 0 && hundredths ? -hundredths / 100 : hundredths / 100);
}
