// The pickup code (ADR 048): eight random digits the shopper shows at the counter. Plain
// values only, so the order page may format a code without the server's modules.

/** Eight digits, leading zeros kept: 10⁸ codes, drawn uniformly at random. */
export const PICKUP_CODE_RE = /^\d{8}$/;

/** Read aloud and typed in two groups of four: "4821 0937". */
export function formatPickupCode(code: string): string {
  return PICKUP_CODE_RE.test(code) ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** Days after payment a pickup order waits before the admin is told to refund it. */
export const UNCOLLECTED_DAYS = 7;
