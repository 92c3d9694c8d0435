import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { lang, type Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { MAX_QUANTITY } from "./limits";

export { MAX_QUANTITY };

export function newCartId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

async function ensureCart(db: DB, cartId: string, now: Date) {
  await db
    .insertInto("carts")
    .values({ id: cartId, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doUpdateSet({ updated_at: now.toISOString() }))
    .execute();
}

async function activeProduct(db: DB, productId: number) {
  const product = await db
    .selectFrom("products")
    .select(["id", "stock", "status"])
    .where("id", "=", productId)
    .executeTakeFirst();
  if (!product || product.status !== "active") throw new DomainError("cart.unavailable", 404);
  return product;
}

/**
 * Adds to the cart, never past stock or 99. Returns what the cart now holds and whether the
 * request had to be trimmed, so the page can say so.
 */
export async function addToCart(
  db: DB,
  cartId: string,
  productId: number,
  quantity: number,
  now = new Date(),
): Promise<{ quantity: number; trimmed: boolean }> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new DomainError("cart.quantityRange", 400, { max: MAX_QUANTITY }, "quantity");
  }
  return db.transaction().execute(async (trx) => {
    const product = await activeProduct(trx, productId);
    if (product.stock <= 0) throw new DomainError("cart.soldOut", 409);
    await ensureCart(trx, cartId, now);
    const existing = await trx
      .selectFrom("cart_items")
      .select("quantity")
      .where("cart_id", "=", cartId)
      .where("product_id", "=", productId)
      .executeTakeFirst();
    const wanted = (existing?.quantity ?? 0) + quantity;
    const allowed = Math.min(wanted, product.stock, MAX_QUANTITY);
    await trx
      .insertInto("cart_items")
      .values({ cart_id: cartId, product_id: productId, quantity: allowed })
      .onConflict((oc) => oc.columns(["cart_id", "product_id"]).doUpdateSet({ quantity: allowed }))
      .execute();
    return { quantity: allowed, trimmed: allowed < wanted };
  });
}

export async function setCartQuantity(
  db: DB,
  cartId: string,
  productId: number,
  quantity: number,
  now = new Date(),
): Promise<void> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new DomainError("cart.quantityRange", 400, { max: MAX_QUANTITY }, "quantity");
  }
  await db.transaction().execute(async (trx) => {
    const product = await activeProduct(trx, productId);
    if (quantity > product.stock) {
      throw new DomainError("cart.notEnoughStock", 409, { stock: product.stock }, "quantity");
    }
    const result = await trx
      .updateTable("cart_items")
      .set({ quantity })
      .where("cart_id", "=", cartId)
      .where("product_id", "=", productId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError("cart.notInCart", 404);
    await ensureCart(trx, cartId, now);
  });
}

export async function removeFromCart(db: DB, cartId: string, productId: number): Promise<void> {
  await db
    .deleteFrom("cart_items")
    .where("cart_id", "=", cartId)
    .where("product_id", "=", productId)
    .execute();
}

export async function cartCount(db: DB, cartId: string | null): Promise<number> {
  if (!cartId) return 0;
  const row = await db
    .selectFrom("cart_items")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("quantity"), sql<number>`0`).as("n"))
    .where("cart_id", "=", cartId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CartLine {
  productId: number;
  slug: string;
  name: string;
  unit: string;
  image: string;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  stock: number;
  coldChain: boolean;
  countyName: string;
  pairedDistrict: string | null;
  cooperativeName: string;
  aidEligible: boolean;
  /** why this line cannot be bought as it stands, if it cannot */
  problem: "unavailable" | "sold_out" | "not_enough_stock" | null;
}

/** The cart as it stands now: prices and stock always read fresh from the products. */
export async function getCartLines(
  db: DB,
  cartId: string | null,
  locale: Locale,
  now = new Date(),
): Promise<CartLine[]> {
  if (!cartId) return [];
  const l = lang(locale);
  const today = shanghaiDate(now);
  const rows = await db
    .selectFrom("cart_items as i")
    .innerJoin("products as p", "p.id", "i.product_id")
    .innerJoin("cooperatives as c", "c.id", "p.cooperative_id")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .select((eb) => [
      "p.id",
      "p.slug",
      sql.ref<string>(`p.name_${l}`).as("name"),
      sql.ref<string>(`p.unit_${l}`).as("unit"),
      "p.image",
      "p.price_fen",
      "p.stock",
      "p.status",
      "p.cold_chain",
      "i.quantity",
      sql.ref<string>(`y.name_${l}`).as("county_name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
      sql.ref<string>(`c.name_${l}`).as("cooperative_name"),
      eb
        .exists(
          eb
            .selectFrom("product_certifications as pc")
            .select("pc.id")
            .whereRef("pc.product_id", "=", "p.id")
            .where("pc.kind", "=", "aid")
            .where("pc.expires_on", ">=", today),
        )
        .as("aid_eligible"),
    ])
    .where("i.cart_id", "=", cartId)
    .orderBy("i.added_at")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    slug: r.slug,
    name: r.name,
    unit: r.unit,
    image: r.image,
    unitPriceFen: r.price_fen,
    quantity: r.quantity,
    lineTotalFen: r.price_fen * r.quantity,
    stock: r.stock,
    coldChain: r.cold_chain === 1,
    countyName: r.county_name,
    pairedDistrict: r.paired_district,
    cooperativeName: r.cooperative_name,
    aidEligible: Boolean(r.aid_eligible),
    problem:
      r.status !== "active"
        ? "unavailable"
        : r.stock <= 0
          ? "sold_out"
          : r.quantity > r.stock
            ? "not_enough_stock"
            : null,
  }));
}

/**
 * At sign-in the guest's cart joins the account's: quantities add up, capped by stock and
 * 99, and the account keeps one cart. Returns the cart id the browser should now carry.
 */
export async function adoptCart(
  db: DB,
  userId: number,
  guestCartId: string | null,
  now = new Date(),
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const own = await trx
      .selectFrom("carts")
      .select("id")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const guest = guestCartId
      ? await trx
          .selectFrom("carts")
          .select(["id", "user_id"])
          .where("id", "=", guestCartId)
          .executeTakeFirst()
      : undefined;
    const guestIsFree = guest && guest.user_id == null;
    if (!own) {
      if (guest && guestIsFree) {
        await trx
          .updateTable("carts")
          .set({ user_id: userId, updated_at: now.toISOString() })
          .where("id", "=", guest.id)
          .execute();
        return guest.id;
      }
      const id = newCartId();
      await trx
        .insertInto("carts")
        .values({ id, user_id: userId, updated_at: now.toISOString() })
        .execute();
      return id;
    }
    if (guest && guestIsFree && guest.id !== own.id) {
      const items = await trx
        .selectFrom("cart_items as g")
        .innerJoin("products as p", "p.id", "g.product_id")
        .leftJoin("cart_items as o", (join) =>
          join.onRef("o.product_id", "=", "g.product_id").on("o.cart_id", "=", own.id),
        )
        .select([
          "g.product_id",
          "g.quantity as guest_quantity",
          "o.quantity as own_quantity",
          "p.stock",
        ])
        .where("g.cart_id", "=", guest.id)
        .execute();
      for (const item of items) {
        const quantity = Math.min(
          (item.own_quantity ?? 0) + item.guest_quantity,
          Math.max(item.stock, 1),
          MAX_QUANTITY,
        );
        await trx
          .insertInto("cart_items")
          .values({ cart_id: own.id, product_id: item.product_id, quantity })
          .onConflict((oc) => oc.columns(["cart_id", "product_id"]).doUpdateSet({ quantity }))
          .execute();
      }
      await trx.deleteFrom("carts").where("id", "=", guest.id).execute();
    }
    return own.id;
  });
}
