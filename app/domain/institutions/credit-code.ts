// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last a
// check character over the first 17. Browser-safe: the institution form uses it too.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** 3^i mod 31, the standard's weights for positions 1–17 */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Upper case, no spaces or dashes: how a code is stored and compared. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** The check character for the first 17 characters, or null if one is not in the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a (normalised) code is refused, or null when it is a well-formed code. */
export function creditCodeProblem(code: string): "length" | "characters" | "check" | null {
  if (code.length !== 18) return "length";
  // positions 3–8 are the registering office's region code: digits only
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return "characters";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export const isCreditCode = (code: string) => creditCodeProblem(code) === null;
