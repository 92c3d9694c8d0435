import { describe, expect, it } from "vitest";
import {
  hashAccessToken,
  newAccessToken,
  ORDER_NUMBER_RE,
  orderNumber,
  randomSuffix,
  tokenMatches,
} from "./order-number";

describe("order numbers", () => {
  it("reads SH-date-suffix with the Shanghai calendar day", () => {
    // 16:30 UTC on the 28th is 00:30 on the 29th in Shanghai
    expect(orderNumber(new Date("2026-11-28T16:30:00Z"), "7K3Q")).toBe("SH-20261129-7K3Q");
    expect(orderNumber(new Date("2026-11-28T15:59:59Z"), "7K3Q")).toBe("SH-20261128-7K3Q");
  });

  it("uses only unambiguous characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = randomSuffix();
      expect(s).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}$/);
      seen.add(s);
    }
    expect(seen.size).toBeGreaterThan(1900);
    expect(ORDER_NUMBER_RE.test(orderNumber(new Date()))).toBe(true);
    expect(ORDER_NUMBER_RE.test("SH-20261128-0O1I")).toBe(false);
  });

  it("draws each character from the whole alphabet", () => {
    const draws = [0, 29, 8, 15];
    expect(randomSuffix(4, () => draws.shift() ?? 0)).toBe("2ZAH");
  });
});

describe("access tokens", () => {
  it("stores only a hash and matches the token in constant time", () => {
    const { token, hash } = newAccessToken();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(hash).toBe(hashAccessToken(token));
    expect(hash).not.toContain(token);
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(`${token}x`, hash)).toBe(false);
    expect(tokenMatches(newAccessToken().token, hash)).toBe(false);
  });
});
