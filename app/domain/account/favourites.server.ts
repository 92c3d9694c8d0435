// A signed-in shopper's favourites (收藏). Personal: read only for pages rendered for that
// shopper, never for the shared page cache.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { cardBase, selectCard, toCard, type ProductCard } from "../catalog/catalog.server";
import { NotFoundError } from "../errors";

export async function isFavourite(db: DB, userId: number, productId: number): Promise<boolean> {
  const row = await db
    .selectFrom("favourites")
    .select("product_id")
    .where("user_id", "=", userId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks or unmarks a product; doing it twice changes nothing. Only listed products. */
export async function setFavourite(
  db: DB,
  input: { userId: number; productId: number; favourite: boolean; now?: Date },
): Promise<void> {
  if (!input.favourite) {
    await db
      .deleteFrom("favourites")
      .where("user_id", "=", input.userId)
      .where("product_id", "=", input.productId)
      .execute();
    return;
  }
  const product = await db
    .selectFrom("products")
    .select("id")
    .where("id", "=", input.productId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!product) throw new NotFoundError("product");
  await db
    .insertInto("favourites")
    .values({
      user_id: input.userId,
      product_id: product.id,
      created_at: (input.now ?? new Date()).toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The shopper's favourites still on sale, the newest first, as catalogue cards. */
export async function listFavourites(
  db: DB,
  userId: number,
  locale: Locale,
  now = new Date(),
): Promise<ProductCard[]> {
  const rows = await selectCard(
    cardBase(db)
      .innerJoin("favourites as f", "f.product_id", "p.id")
      .where("f.user_id", "=", userId),
    locale,
    shanghaiDate(now),
  )
    .orderBy(sql`f.created_at`, "desc")
    .orderBy("p.id", "desc")
    .limit(200)
    .execute();
  return rows.map(toCard);
}
