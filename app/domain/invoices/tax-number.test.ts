import { describe, expect, it } from "vitest";
import {
  creditCodeCheckChar,
  isValidCreditCode,
  normalizeTaxNumber,
  taxNumberProblem,
} from "./tax-number";

describe("unified social credit code check character (GB 32100-2015)", () => {
  it("accepts real codes", () => {
    // the example of the task, and a Beijing company's code as printed on its invoices
    for (const code of ["91350100M000100Y43", "91110000600037341L"]) {
      expect(isValidCreditCode(code)).toBe(true);
    }
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("refuses a code whose check character or any other character was changed", () => {
    expect(taxNumberProblem("91350100M000100Y44")).toBe("check");
    expect(taxNumberProblem("91350100M000100Y53")).toBe("check");
    expect(taxNumberProblem("92350100M000100Y43")).toBe("check");
  });

  it("refuses the wrong shape", () => {
    expect(taxNumberProblem("91350100M000100Y4")).toBe("format"); // 17
    expect(taxNumberProblem("350100M000100Y43XXX")).toBe("format");
    expect(taxNumberProblem("91350100M000100I43")).toBe("format"); // I is not in the alphabet
    expect(taxNumberProblem("9135010AM000100Y43")).toBe("format"); // division code is digits
    expect(taxNumberProblem("110108123456789")).toBe("format"); // a legacy 15-digit number
  });

  it("forgives case, spaces and dashes", () => {
    expect(normalizeTaxNumber(" 9135 0100-m000 100y43 ")).toBe("91350100M000100Y43");
  });
});
