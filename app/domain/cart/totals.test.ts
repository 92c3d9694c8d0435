import { describe, expect, it } from "vitest";
import {
  AMBIENT_FEE_FEN,
  AMBIENT_FREE_FROM_FEN,
  COLD_CHAIN_FEE_FEN,
} from "~/domain/checkout/shipping";
import { cartTotals } from "./totals";

describe("cart totals", () => {
  it("adds the goods, counts only eligible lines as aid, and adds shipping to the whole", () => {
    const totals = cartTotals([
      { lineTotalFen: 25600, aidEligible: true, coldChain: false },
      { lineTotalFen: 3160, aidEligible: true, coldChain: true },
      { lineTotalFen: 6800, aidEligible: false, coldChain: false },
    ]);
    expect(totals.subtotalFen).toBe(25600 + 3160 + 6800);
    expect(totals.aidFen).toBe(25600 + 3160);
    expect(totals.shipping.totalFen).toBe(COLD_CHAIN_FEE_FEN);
    expect(totals.totalFen).toBe(25600 + 3160 + 6800 + COLD_CHAIN_FEE_FEN);
  });

  it("charges an ambient parcel below its threshold, and is all zero for an empty cart", () => {
    const small = cartTotals([{ lineTotalFen: 1580, aidEligible: false, coldChain: false }]);
    expect(small).toMatchObject({ subtotalFen: 1580, aidFen: 0, totalFen: 1580 + AMBIENT_FEE_FEN });
    expect(small.shipping.ambientToFreeFen).toBe(AMBIENT_FREE_FROM_FEN - 1580);
    expect(cartTotals([])).toMatchObject({ subtotalFen: 0, aidFen: 0, totalFen: 0 });
  });
});
