import { describe, expect, it } from "vitest";
import { requireSameOrigin, safeRedirectPath } from "./security.server";

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

describe("requireSameOrigin", () => {
  const post = (headers: Record<string, string>) =>
    new Request("http://shop.test/cart", { method: "POST", headers });
  const refused = (headers: Record<string, string>) => {
    try {
      requireSameOrigin(post(headers));
      return false;
    } catch (thrown) {
      return thrown instanceof Response && thrown.status === 403;
    }
  };

  it("lets the store's own pages through", () => {
    expect(refused({ Origin: "http://shop.test" })).toBe(false);
    expect(refused({ Referer: "http://shop.test/checkout" })).toBe(false);
  });

  it("refuses other origins, another scheme, null, and a forwarded host nobody vouched for", () => {
    for (const headers of <Array<Record<string, string>>>[
      { Origin: "http://evil.example" },
      { Origin: "https://shop.test" },
      { Origin: "null" },
      { Origin: "http://shop.test@evil.example" },
      { Origin: "not a url" },
      { Referer: "http://evil.example/" },
      { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
    ]) {
      expect(refused(headers), JSON.stringify(headers)).toBe(true);
    }
  });
});
