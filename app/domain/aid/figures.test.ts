import { describe, expect, it } from "vitest";
import { sumFigures, targetBar } from "./figures";

describe("sumFigures", () => {
  it("adds aid and non-aid apart, refunds (negative) included", () => {
    expect(
      sumFigures([
        { aidFen: 12800, otherFen: 500 },
        { aidFen: -2800, otherFen: 0 },
        { aidFen: 1, otherFen: 2 },
      ]),
    ).toEqual({ aidFen: 10001, otherFen: 502 });
  });

  it("is zero for no rows", () => {
    expect(sumFigures([])).toEqual({ aidFen: 0, otherFen: 0 });
  });
});

describe("targetBar", () => {
  it("fills as far as the progress, up to the whole bar", () => {
    expect(targetBar(42.5)).toEqual({ fill: 42.5, over: false });
    expect(targetBar(100)).toEqual({ fill: 100, over: false });
    expect(targetBar(130.2)).toEqual({ fill: 100, over: true });
  });

  it("stays empty below zero and without a target", () => {
    expect(targetBar(-3)).toEqual({ fill: 0, over: false });
    expect(targetBar(null)).toEqual({ fill: 0, over: false });
  });
});
