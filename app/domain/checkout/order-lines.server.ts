// What every sale freezes on its lines, online or at a counter's till (ADR 050): the product
// read in the sale's transaction (price, cooperative, county, category), its aid certification
// on the Shanghai day of sale, and the order's unique number. placeOrder and recordTillSale
// both write their lines here, so a till line is the same snapshot as an online one.
import type { DB } from "#db/connection";
import { aidCertification } from "../catalog/eligibility";
import { orderNumber, randomSuffix } from "../orders/order-number";

// a transaction, or the database itself for a read outside one (the till's draft)
type Trx = DB;

/** The product columns a sold line is priced and frozen from. */
export const SALE_ITEM_COLUMNS = [
  "p.id",
  "p.slug",
  "p.name_zh",
  "p.name_en",
  "p.unit_zh",
  "p.unit_en",
  "p.image",
  "p.price_fen",
  "p.stock",
  "p.status",
  "p.cold_chain",
  "p.category_code",
  "k.group as category_group",
  "c.id as cooperative_id",
  "c.name_zh as cooperative_name_zh",
  "y.code as county_code",
  "y.paired_district_zh",
] as const;

/** Products joined to what a line freezes of them (alias p; add the quantity's source). */
export function saleItemsFrom(trx: Trx) {
  return trx
    .selectFrom("products as p")
    .innerJoin("cooperatives as c", "c.id", "p.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .innerJoin("categories as k", "k.code", "p.category_code");
}

/** The products of these lines, read in the sale's transaction, with each line's quantity. */
export async function readSaleItems(
  trx: Trx,
  lines: ReadonlyArray<{ productId: number; quantity: number }>,
) {
  if (!lines.length) return [];
  const rows = await saleItemsFrom(trx)
    .select(SALE_ITEM_COLUMNS)
    .where(
      "p.id",
      "in",
      lines.map((l) => l.productId),
    )
    .execute();
  return lines.flatMap((line) => {
    const row = rows.find((r) => r.id === line.productId);
    return row ? [{ ...row, quantity: line.quantity }] : [];
  });
}

export type SaleItem = Awaited<ReturnType<typeof readSaleItems>>[number];

export async function uniqueOrderNumber(trx: Trx, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = orderNumber(now, randomSuffix(attempt < 4 ? 4 : 6));
    const taken = await trx
      .selectFrom("orders")
      .select("id")
      .where("number", "=", candidate)
      .executeTakeFirst();
    if (!taken) return candidate;
  }
  throw new Error("could not find a free order number");
}

export async function readAidCertifications(trx: Trx, items: ReadonlyArray<{ id: number }>) {
  if (!items.length) return [];
  return trx
    .selectFrom("product_certifications")
    .select(["product_id", "kind", "number", "expires_on"])
    .where(
      "product_id",
      "in",
      items.map((i) => i.id),
    )
    .where("kind", "=", "aid")
    .execute();
}

type AidCertRow = Awaited<ReturnType<typeof readAidCertifications>>[number];

/**
 * Each line's total and aid certification on the Shanghai day `today`, the goods' subtotal
 * and the aid-eligible part of it (shipping is the caller's: none at a till).
 */
export function priceSaleLines<I extends SaleItem>(items: I[], certs: AidCertRow[], today: string) {
  const lines = items.map((item) => {
    const cert = aidCertification(
      certs.filter((c) => c.product_id === item.id),
      today,
    );
    return {
      item,
      lineTotalFen: item.price_fen * item.quantity,
      coldChain: item.cold_chain === 1,
      cert,
    };
  });
  const subtotal = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const aidEligible = lines.reduce((s, l) => s + (l.cert ? l.lineTotalFen : 0), 0);
  return { lines, subtotal, aidEligible };
}

export type PricedLine = ReturnType<typeof priceSaleLines>["lines"][number];

/** Freezes what was sold, so later edits to the product do not rewrite the order. */
export async function insertOrderLines(trx: Trx, orderId: number, lines: PricedLine[]) {
  await trx
    .insertInto("order_lines")
    .values(
      lines.map(({ item, lineTotalFen, cert }) => ({
        order_id: orderId,
        product_id: item.id,
        product_slug: item.slug,
        product_name_zh: item.name_zh,
        product_name_en: item.name_en,
        unit_zh: item.unit_zh,
        unit_en: item.unit_en,
        image: item.image,
        unit_price_fen: item.price_fen,
        quantity: item.quantity,
        line_total_fen: lineTotalFen,
        cooperative_id: item.cooperative_id,
        cooperative_name_zh: item.cooperative_name_zh,
        county_code: item.county_code,
        paired_district_zh: item.paired_district_zh,
        category_code: item.category_code,
        category_group: item.category_group,
        cold_chain: item.cold_chain,
        aid_eligible: cert ? 1 : 0,
        aid_cert_number: cert?.number ?? null,
      })),
    )
    .execute();
}
