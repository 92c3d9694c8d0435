/** At or below this many left, a product page says how many; above it, only "in stock". */
export const LOW_STOCK = 5;

/**
 * The stock a public page may know: 0 when sold out, the count when LOW_STOCK or fewer are
 * left, otherwise LOW_STOCK + 1 ("plenty"). Public pages are cached until what they show
 * changes (migration 20261201T0100 compares this same bucket), so a sale that leaves 40 of
 * 41 must not change a byte of them, including the page's serialised loader data.
 */
export function shownStock(stock: number): number {
  return Math.max(0, Math.min(stock, LOW_STOCK + 1));
}

/** Whether a page showing `stock` (a shownStock) should say the exact count. */
export function isLowStock(stock: number): boolean {
  return stock > 0 && stock <= LOW_STOCK;
}
