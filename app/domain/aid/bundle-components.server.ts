import type { Transaction } from "kysely";
import type { Database } from "#db/schema";

type Trx = Transaction<Database>;

/**
 * The components of the gift boxes among these products, by box: each component's product,
 * quantity per box, share of the price (basis points) and where its aid goes (ADR 044).
 */
export async function componentsOf(trx: Pick<Trx, "selectFrom">, productIds: number[]) {
  const map = new Map<
    number,
    Array<{
      component_product_id: number;
      quantity: number;
      share_bp: number;
      cooperative_id: number;
      county_code: string;
      paired_district_zh: string | null;
      group: "agri" | "handicraft";
    }>
  >();
  if (!productIds.length) return map;
  const rows = await trx
    .selectFrom("product_components as pc")
    .innerJoin("products as p", "p.id", "pc.component_product_id")
    .innerJoin("cooperatives as c", "c.id", "p.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .innerJoin("categories as k", "k.code", "p.category_code")
    .select([
      "pc.bundle_product_id",
      "pc.component_product_id",
      "pc.quantity",
      "pc.share_bp",
      "c.id as cooperative_id",
      "y.code as county_code",
      "y.paired_district_zh",
      "k.group",
    ])
    .where("pc.bundle_product_id", "in", productIds)
    .orderBy("pc.component_product_id")
    .execute();
  for (const row of rows) {
    const list = map.get(row.bundle_product_id) ?? [];
    list.push(row);
    map.set(row.bundle_product_id, list);
  }
  return map;
}
