// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a
// 31-character alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17.
// A plain module: the order page may use it to say early what the server will say anyway.

export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The shape: registration body and type (2), division code (6 digits), body code (10). */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** What people type: lower case, spaces and dashes between groups are forgiven. */
export function normalizeTaxNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** The check character for the first 17 characters (GB 32100-2015, 4.3 and annex B). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? "");
    if (value < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

export type TaxNumberProblem = "format" | "check";

/** null when the code is well formed and its check character is right. */
export function taxNumberProblem(code: string): TaxNumberProblem | null {
  if (!CREDIT_CODE_RE.test(code)) return "format";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export function isValidCreditCode(code: string): boolean {
  return taxNumberProblem(code) === null;
}
