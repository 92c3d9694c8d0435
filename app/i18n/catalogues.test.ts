import { describe, expect, it } from "vitest";
import { GATEWAY_NAMES } from "~/domain/payments/gateway";
import en from "./en";
import zhCN from "./zh-CN";

function flatten(obj: object, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === "string") out[prefix + k] = v;
    else Object.assign(out, flatten(v as object, `${prefix}${k}.`));
  }
  return out;
}

const zh = flatten(zhCN);
const english = flatten(en);

describe("message catalogues", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
  });

  it("have no empty messages and keep the same placeholders", () => {
    for (const [key, text] of Object.entries(zh)) {
      expect(text.trim(), key).not.toBe("");
      const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      expect(placeholders(english[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("write Chinese in the default catalogue", () => {
    const chinese = Object.values(zh).filter((s) => /[\u4e00-\u9fff]/.test(s));
    expect(chinese.length / Object.keys(zh).length).toBeGreaterThan(0.9);
  });

  it("name every payment gateway in both languages, so no page shows its code", () => {
    for (const gateway of GATEWAY_NAMES) {
      expect(zh[`refund.gateways.${gateway}`], gateway).toBeTruthy();
      expect(english[`refund.gateways.${gateway}`], gateway).toBeTruthy();
    }
  });
});
