import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./security.server";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    for (const to of [
      "/",
      "/account",
      "/products?q=%E7%89%A6&page=2",
      "/orders/SH-20261128-7K3Q#x",
    ]) {
      expect(safeRedirectPath(to)).toBe(to);
    }
  });

  it("refuses anything a browser could take to another site, or that breaks the header", () => {
    for (const to of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\t\\evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\x0b/evil.example",
      "/ /evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "https://evil.example",
      "https:evil.example",
      "evil.example",
      "/牦牛",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
    }
  });
});
