// What the product page shows beside the product itself: its gallery, units sold (as a
// bucket) and a row of related products. All of it is the same for every visitor, so it
// may sit in the shared page cache: product_images and the units-sold bucket bump the
// catalogue's version (migrations 20261201T0100 and 20261202T0100).
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { imageUrl } from "../coop/image-url";
import { cardBase, selectCard, toCard, type ProductCard } from "./catalog.server";
import { soldBucket } from "./units-sold";

export const RELATED_LIMIT = 4;

export interface GalleryPicture {
  url: string;
  thumb: string;
  /** the manager's description, or null (the page then names the product) */
  alt: string | null;
}

/**
 * The product's pictures in order. A product whose gallery is empty (the seeded
 * illustrations) shows its one picture, products.image.
 */
export async function productGallery(
  db: DB,
  product: { id: number; image: string },
): Promise<GalleryPicture[]> {
  const rows = await db
    .selectFrom("product_images")
    .select(["key", "alt"])
    .where("product_id", "=", product.id)
    .where("position", "is not", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  if (!rows.length) return [{ url: product.image, thumb: product.image, alt: null }];
  return rows.map((r) => ({
    url: imageUrl(r.key),
    thumb: imageUrl(r.key, "400.webp"),
    alt: r.alt,
  }));
}

/** Units sold as the page shows them (soldBucket), never the exact count above nine. */
export async function unitsSoldShown(db: DB, productId: number): Promise<number> {
  const row = await db
    .selectFrom("products")
    .select("units_sold")
    .where("id", "=", productId)
    .executeTakeFirst();
  return soldBucket(row?.units_sold ?? 0);
}

/**
 * Up to RELATED_LIMIT other active products in stock from the same county or category, in
 * one query: same county and category first, then same category, then same county, then
 * the shelf's order (featured, oldest).
 */
export async function relatedProducts(
  db: DB,
  product: { id: number; countyCode: string; categoryCode: string },
  locale: Locale,
  now = new Date(),
): Promise<ProductCard[]> {
  // 1 or 0 on both engines (PostgreSQL does not add booleans)
  const sameCategory = sql<number>`(case when p.category_code = ${product.categoryCode} then 1 else 0 end)`;
  const sameCounty = sql<number>`(case when y.code = ${product.countyCode} then 1 else 0 end)`;
  const rows = await selectCard(
    cardBase(db)
      .where("p.id", "!=", product.id)
      .where("p.stock", ">", 0)
      .where((eb) =>
        eb.or([
          eb("p.category_code", "=", product.categoryCode),
          eb("y.code", "=", product.countyCode),
        ]),
      ),
    locale,
    shanghaiDate(now),
  )
    .orderBy(sql`${sameCategory} + ${sameCounty}`, "desc")
    .orderBy(sameCategory, "desc")
    .orderBy("p.featured", "desc")
    .orderBy("p.id")
    .limit(RELATED_LIMIT)
    .execute();
  return rows.map(toCard);
}
