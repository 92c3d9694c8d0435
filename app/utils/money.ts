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
 * Hundredths of 万元, as aid reports write them: 12345678 fen (¥123,456.78) → 1235.
 * Rounds half away from zero on the integer number of fen, so no float error can tip it.
 */
export function wanHundredths(fen: number): number {
  // hundredths of 万元 are 100 元 = 10000 fen
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000);
  return fen < 0 && hundredths ? -hundredths : hundredths;
}

const twoDecimals = (hundredths: number) => {
  const abs = Math.abs(hundredths);
  return `${hundredths < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** 1234.56 from 123456 fen: no thousands separators, for forms, machines and spreadsheets. */
export function fenToYuan(fen: number): string {
  return twoDecimals(fen);
}

/** 万元 as plain text (12345678 fen → "12.35"), for exports. */
export function fenToWan(fen: number): string {
  return twoDecimals(wanHundredths(fen));
}

/**
 * 元 as typed → fen, without floating point: "128", "128.5", "12,345.67", "1 000", "¥128.00".
 * Null when the text is not a plain amount with at most two decimals and at most
 * `maxWholeDigits` digits before the point.
 */
export function yuanToFen(raw: string, maxWholeDigits = 10): number | null {
  const text = raw
    .trim()
    .replace(/^[¥￥]\s*/, "")
    .replace(/[,，\s]/g, "");
  const m = new RegExp(`^(\\d{1,${maxWholeDigits}})(?:\\.(\\d{1,2}))?$`).exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** 万元 to two decimals in the locale's digits, for pages: 12345678 fen → "12.35". */
export function formatWan(fen: number, locale = "zh-CN"): string {
  let f = wanFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    wanFormatters.set(locale, f);
  }
  return f.format(wanHundredths(fen) / 100);
}
