import crypto from "node:crypto";
import { shanghaiDate } from "~/utils/time";

// Crockford-style alphabet without 0/O, 1/I/L, U: easy to read aloud over the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Uniform over the alphabet (randomInt rejects biased draws; `byte % 30` would not). */
export function randomSuffix(length = 4, pick: (n: number) => number = crypto.randomInt): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[pick(ALPHABET.length)];
  return out;
}

/** SH-20261128-7K3Q: the Shanghai calendar day the order was placed, then four random characters. */
export function orderNumber(at: Date, suffix = randomSuffix()): string {
  return `SH-${shanghaiDate(at).replaceAll("-", "")}-${suffix}`;
}

export const ORDER_NUMBER_RE = /^SH-\d{8}-[2-9A-HJKMNP-TV-Z]{4,6}$/;

export function newAccessToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, hash: hashAccessToken(token) };
}

export function hashAccessToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(hashAccessToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
