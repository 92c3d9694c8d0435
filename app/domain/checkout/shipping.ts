// Shipping fees. Ambient goods travel in one parcel; cold-chain goods (milk, strawberries,
// frozen meat) travel separately in an insulated box by air, which costs more. Each
// parcel ships free once the goods in it reach its threshold.

export const AMBIENT_FEE_FEN = 800; // ¥8
export const AMBIENT_FREE_FROM_FEN = 9900; // ¥99
export const COLD_CHAIN_FEE_FEN = 2000; // ¥20: ¥8 base + ¥12 insulated-box surcharge
export const COLD_CHAIN_FREE_FROM_FEN = 19900; // ¥199

export interface ShippableLine {
  lineTotalFen: number;
  coldChain: boolean;
}

export interface ShippingQuote {
  ambientFen: number;
  coldChainFen: number;
  totalFen: number;
  parcels: number;
  /** fen still to add to each parcel for it to ship free (0 if free already or absent) */
  ambientToFreeFen: number;
  coldChainToFreeFen: number;
}

function parcelFee(goodsFen: number, fee: number, freeFrom: number) {
  if (goodsFen <= 0) return { fee: 0, toFree: 0 };
  if (goodsFen >= freeFrom) return { fee: 0, toFree: 0 };
  return { fee, toFree: freeFrom - goodsFen };
}

export function quoteShipping(lines: ShippableLine[]): ShippingQuote {
  let ambientGoods = 0;
  let coldGoods = 0;
  for (const line of lines) {
    if (line.coldChain) coldGoods += line.lineTotalFen;
    else ambientGoods += line.lineTotalFen;
  }
  const ambient = parcelFee(ambientGoods, AMBIENT_FEE_FEN, AMBIENT_FREE_FROM_FEN);
  const cold = parcelFee(coldGoods, COLD_CHAIN_FEE_FEN, COLD_CHAIN_FREE_FROM_FEN);
  return {
    ambientFen: ambient.fee,
    coldChainFen: cold.fee,
    totalFen: ambient.fee + cold.fee,
    parcels: (ambientGoods > 0 ? 1 : 0) + (coldGoods > 0 ? 1 : 0),
    ambientToFreeFen: ambient.toFree,
    coldChainToFreeFen: cold.toFree,
  };
}
