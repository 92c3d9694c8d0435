import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import {
  emptiedCooperatives,
  orderStatusAfterRefund,
  planRefund,
  refundableShippingFen,
  refundBlock,
  type RefundLineState,
} from "./refund-rules";

/** 2 × ¥28 from cooperative 1 (one refunded), 3 × ¥10 from cooperative 2 (one asked for). */
const lines: RefundLineState[] = [
  {
    id: 11,
    cooperativeId: 1,
    unitPriceFen: 2800,
    quantity: 2,
    refundedQuantity: 1,
    refundableQuantity: 1,
  },
  {
    id: 12,
    cooperativeId: 2,
    unitPriceFen: 1000,
    quantity: 3,
    refundedQuantity: 0,
    refundableQuantity: 2,
  },
];

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("what can still be refunded", () => {
  it("names why no refund can start: done, never paid, or nothing left", () => {
    expect(refundBlock("refunded", lines)).toBe("fullyRefunded");
    expect(refundBlock("pending_payment", lines)).toBe("notRefundable");
    expect(refundBlock("paid", [{ refundableQuantity: 0 }])).toBe("nothingLeft");
    expect(refundBlock("partially_refunded", lines)).toBeNull();
  });

  it("keeps the shipping fee refundable until a refund asked for or made has taken it", () => {
    expect(refundableShippingFen(800, [])).toBe(800);
    expect(refundableShippingFen(800, [{ status: "failed", shippingFen: 800 }])).toBe(800);
    expect(refundableShippingFen(800, [{ status: "succeeded", shippingFen: 0 }])).toBe(800);
    expect(refundableShippingFen(800, [{ status: "requested", shippingFen: 800 }])).toBe(0);
    expect(refundableShippingFen(0, [])).toBe(0);
  });
});

describe("planRefund", () => {
  it("takes every unit left for a whole-order refund, with the shipping fee still owed", () => {
    const plan = planRefund(lines, { mode: "all" }, 800);
    expect(plan.picked.map((p) => [p.line.id, p.quantity])).toEqual([
      [11, 1],
      [12, 2],
    ]);
    expect(plan).toMatchObject({ shippingFen: 800, amountFen: 2800 + 2000 + 800 });
  });

  it("returns shipping only with the chosen units that leave nothing else", () => {
    const some = planRefund(
      lines,
      { mode: "lines", lines: [{ orderLineId: 12, quantity: 2 }] },
      800,
    );
    expect(some).toMatchObject({ shippingFen: 0, amountFen: 2000 });
    const last = planRefund(
      lines,
      {
        mode: "lines",
        lines: [
          { orderLineId: 11, quantity: 1 },
          { orderLineId: 12, quantity: 2 },
        ],
      },
      800,
    );
    expect(last).toMatchObject({ shippingFen: 800, amountFen: 5600 });
  });

  it("refuses beside the field: more than is left, unknown lines, repeats, nothing chosen", () => {
    const choose = (wanted: Array<{ orderLineId: number; quantity: number }>) => () =>
      planRefund(lines, { mode: "lines", lines: wanted }, 0);
    expect(refusal(choose([{ orderLineId: 11, quantity: 2 }]))).toMatchObject({
      code: "refund.errors.overRefund",
      field: "qty_11",
      params: { max: 1 },
    });
    expect(refusal(choose([{ orderLineId: 99, quantity: 1 }]))).toMatchObject({
      code: "refund.errors.unknownLine",
      field: "qty_99",
    });
    const twice = choose([
      { orderLineId: 12, quantity: 1 },
      { orderLineId: 12, quantity: 1 },
    ]);
    expect(refusal(twice)).toMatchObject({ code: "refund.errors.quantity", field: "qty_12" });
    expect(refusal(choose([{ orderLineId: 12, quantity: -1 }]))).toMatchObject({
      code: "refund.errors.quantity",
    });
    expect(refusal(choose([{ orderLineId: 12, quantity: 0 }]))).toMatchObject({
      code: "refund.errors.nothingSelected",
      field: "lines",
    });
    const none = lines.map((l) => ({ ...l, refundableQuantity: 0 }));
    expect(refusal(() => planRefund(none, { mode: "all" }, 0))).toMatchObject({
      code: "refund.errors.nothingLeft",
      status: 409,
    });
  });
});

describe("after a confirmed refund", () => {
  it("calls the order refunded only when every unit is, and empties whole parcels", () => {
    expect(orderStatusAfterRefund(lines)).toBe("partially_refunded");
    expect(emptiedCooperatives(lines)).toEqual([]);
    const firstDone = [{ ...lines[0]!, refundedQuantity: 2 }, lines[1]!];
    expect(emptiedCooperatives(firstDone)).toEqual([1]);
    const allDone = firstDone.map((l) => ({ ...l, refundedQuantity: l.quantity }));
    expect(orderStatusAfterRefund(allDone)).toBe("refunded");
    expect(emptiedCooperatives(allDone)).toEqual([1, 2]);
  });
});
