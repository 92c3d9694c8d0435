import { describe, expect, it } from "vitest";
import {
  AMBIENT_FEE_FEN,
  AMBIENT_FREE_FROM_FEN,
  COLD_CHAIN_FEE_FEN,
  COLD_CHAIN_FREE_FROM_FEN,
  quoteShipping,
} from "./shipping";

describe("quoteShipping", () => {
  it("charges nothing for an empty cart", () => {
    expect(quoteShipping([])).toMatchObject({ totalFen: 0, parcels: 0 });
  });

  it("charges the ambient fee below the threshold and says how far free shipping is", () => {
    const q = quoteShipping([{ lineTotalFen: 5000, coldChain: false }]);
    expect(q).toMatchObject({
      ambientFen: AMBIENT_FEE_FEN,
      coldChainFen: 0,
      totalFen: AMBIENT_FEE_FEN,
      parcels: 1,
    });
    expect(q.ambientToFreeFen).toBe(AMBIENT_FREE_FROM_FEN - 5000);
  });

  it("ships ambient goods free from the threshold exactly", () => {
    expect(
      quoteShipping([{ lineTotalFen: AMBIENT_FREE_FROM_FEN, coldChain: false }]).totalFen,
    ).toBe(0);
    expect(
      quoteShipping([{ lineTotalFen: AMBIENT_FREE_FROM_FEN - 1, coldChain: false }]).totalFen,
    ).toBe(AMBIENT_FEE_FEN);
  });

  it("ships cold-chain goods in their own parcel with the surcharge", () => {
    const q = quoteShipping([
      { lineTotalFen: 3000, coldChain: false },
      { lineTotalFen: 1580, coldChain: true },
    ]);
    expect(q).toMatchObject({
      ambientFen: AMBIENT_FEE_FEN,
      coldChainFen: COLD_CHAIN_FEE_FEN,
      parcels: 2,
    });
    expect(q.totalFen).toBe(AMBIENT_FEE_FEN + COLD_CHAIN_FEE_FEN);
    expect(COLD_CHAIN_FEE_FEN).toBeGreaterThan(AMBIENT_FEE_FEN);
  });

  it("does not let cheap ambient goods buy free cold-chain shipping, or the reverse", () => {
    const q = quoteShipping([
      { lineTotalFen: AMBIENT_FREE_FROM_FEN + 10000, coldChain: false },
      { lineTotalFen: 2000, coldChain: true },
    ]);
    expect(q.ambientFen).toBe(0);
    expect(q.coldChainFen).toBe(COLD_CHAIN_FEE_FEN);
    const cold = quoteShipping([{ lineTotalFen: COLD_CHAIN_FREE_FROM_FEN, coldChain: true }]);
    expect(cold.totalFen).toBe(0);
  });

  it("sums the goods of several lines per parcel", () => {
    const q = quoteShipping([
      { lineTotalFen: 5000, coldChain: false },
      { lineTotalFen: 4900, coldChain: false },
    ]);
    expect(q.totalFen).toBe(0);
  });
});
