import { describe, expect, it } from "vitest";
import { validCreditCode } from "#tests/factories/institutions";
import { creditCodeProblem, isCreditCode, normalizeCreditCode } from "./credit-code";

describe("统一社会信用代码", () => {
  it("accepts codes whose check character matches (GB 32100-2015)", () => {
    // published examples
    expect(creditCodeProblem("91350100M000100Y43")).toBeNull();
    expect(isCreditCode(validCreditCode(42))).toBe(true);
    expect(normalizeCreditCode(" 9135 0100-m000100y43 ")).toBe("91350100M000100Y43");
  });

  it("names what is wrong: length, characters, or the check character", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("91350100M000100Y433")).toBe("length");
    // I, O, S, V, Z are not in the alphabet; the region code is digits
    expect(creditCodeProblem("91350100M000100I43")).toBe("characters");
    expect(creditCodeProblem("913501A0M000100Y43")).toBe("characters");
    // every other last character fails the check
    for (const last of "0123456789ABCDEFGHJKLMNPQRTUWXY".replace("3", "")) {
      expect(creditCodeProblem(`91350100M000100Y4${last}`), last).toBe("check");
    }
    // one typo in the body is caught too
    expect(creditCodeProblem("91350100M000101Y43")).toBe("check");
  });
});
