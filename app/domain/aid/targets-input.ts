// Reading the yearly-targets form. Shared with the browser bundle (the page's year input
// uses the bounds), so nothing here may import a .server module.

/** The pairing began in 2016; 2100 is only a sanity bound. */
export const MIN_TARGET_YEAR = 2016;
export const MAX_TARGET_YEAR = 2100;

/** Largest target accepted, in 元 (a trillion): far above any county, far below float trouble. */
const MAX_TARGET_YUAN = 1_000_000_000_000;

export function parseYear(value: unknown): number | null {
  const year = typeof value === "string" && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return year >= MIN_TARGET_YEAR && year <= MAX_TARGET_YEAR ? year : null;
}

/** Whole 元 as typed ("1,000,000", "1 000 000" or "1000000") → fen, or a message key. */
export function parseYuan(raw: string): { fen: number } | { error: string } | null {
  const text = raw.replace(/[,，\s]/g, "");
  if (!text) return null;
  if (!/^\d+$/.test(text)) return { error: "dash.targets.errors.amount" };
  const yuan = Number(text);
  if (yuan <= 0) return { error: "dash.targets.errors.amount" };
  if (yuan > MAX_TARGET_YUAN) return { error: "dash.targets.errors.tooLarge" };
  return { fen: yuan * 100 };
}
