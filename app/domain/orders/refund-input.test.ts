import { describe, expect, it } from "vitest";
import { parseRefundForm } from "./refund-input";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};
const base = { mode: "lines", reason: "顾客退货", idempotencyKey: "rf_abcdefghijklmnopqrstuvwx" };

describe("the refund form", () => {
  it("reads line quantities only as decimal digits (0x1 is not 1)", () => {
    expect(parseRefundForm(form({ ...base, qty_7: "2" }))).toMatchObject({
      ok: true,
      data: { lines: [{ orderLineId: 7, quantity: 2 }] },
    });
    for (const qty of ["0x1", "1e0", "1.0"]) {
      const parsed = parseRefundForm(form({ ...base, qty_7: qty }));
      expect(parsed.ok ? null : parsed.errors.qty_7, qty).toBe("refund.errors.quantity");
    }
  });

  it("keeps line breaks in the reason and refuses other control characters", () => {
    const multiLine = parseRefundForm(form({ ...base, qty_7: "1", reason: "破损\r\n已拍照" }));
    expect(multiLine.ok && multiLine.data.reason).toBe("破损\r\n已拍照");
    const nul = parseRefundForm(form({ ...base, qty_7: "1", reason: "破损\u0000" }));
    expect(nul).toMatchObject({
      ok: false,
      errors: { reason: "security.controlCharacters" },
      values: { reason: "破损" },
    });
  });
});
