// What a cart comes to: goods, shipping, the whole, and the part of it that counts as aid.
// Browser-safe (pure): the cart and checkout pages show the same figures.
import { quoteShipping, type ShippableLine, type ShippingQuote } from "~/domain/checkout/shipping";

export interface TotalledLine extends ShippableLine {
  aidEligible: boolean;
}

export interface CartTotals {
  subtotalFen: number;
  /** the goods that count as consumption aid (eligible lines); shipping never does */
  aidFen: number;
  shipping: ShippingQuote;
  totalFen: number;
}

export function cartTotals(lines: readonly TotalledLine[]): CartTotals {
  let subtotalFen = 0;
  let aidFen = 0;
  for (const line of lines) {
    subtotalFen += line.lineTotalFen;
    if (line.aidEligible) aidFen += line.lineTotalFen;
  }
  const shipping = quoteShipping([...lines]);
  return { subtotalFen, aidFen, shipping, totalFen: subtotalFen + shipping.totalFen };
}
