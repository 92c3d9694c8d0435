// A product's gallery: the product_images rows with a position, 0 the cover. products.image
// always holds the cover's URL (or the seeded illustration while the gallery is empty), so
// cards, carts and order lines keep reading one column. Every change here is one
// transaction with its audit entry; product_images' triggers bump the catalogue's version.
import type { Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { DomainError } from "../errors";
import { writeAudit, type Actor } from "./audit.server";
import { MAX_ALT, MAX_GALLERY } from "./gallery-limits";
import { imageUrl } from "./image-url";

export { MAX_ALT, MAX_GALLERY };

type Reader = Pick<DB, "selectFrom">;
type Trx = Transaction<Database>;

export interface GalleryTarget {
  cooperativeId: number;
  productId: number;
  actor: Actor;
  now?: Date;
}

export interface StoredImage {
  key: string;
  width: number;
  height: number;
  alt?: string | null;
}

/** The gallery in order, for the portal (ids, to move and remove) and the product page. */
export async function listGallery(db: Reader, productId: number) {
  const rows = await db
    .selectFrom("product_images")
    .select(["id", "key", "alt", "position"])
    .where("product_id", "=", productId)
    .where("position", "is not", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: imageUrl(r.key),
    thumb: imageUrl(r.key, "400.webp"),
    alt: r.alt,
  }));
}

/** The product, if this cooperative's and not archived; the same refusal for anything else. */
async function editableProduct(trx: Reader, target: GalleryTarget) {
  if (!Number.isSafeInteger(target.productId) || target.productId <= 0) {
    throw new DomainError("portal.errors.forbidden", 403);
  }
  const product = await trx
    .selectFrom("products")
    .select(["id", "status", "image"])
    .where("id", "=", target.productId)
    .where("cooperative_id", "=", target.cooperativeId)
    .executeTakeFirst();
  if (!product) throw new DomainError("portal.errors.forbidden", 403);
  if (product.status === "archived") throw new DomainError("portal.errors.archived", 409);
  return product;
}

/** Renumbers the gallery 0…n-1 in the given order and points the product at the cover. */
async function saveOrder(trx: Trx, target: GalleryTarget, ids: number[], before: string) {
  const now = (target.now ?? new Date()).toISOString();
  for (const [position, id] of ids.entries()) {
    await trx
      .updateTable("product_images")
      .set({ position })
      .where("id", "=", id)
      .where("product_id", "=", target.productId)
      .execute();
  }
  const cover = ids.length
    ? await trx
        .selectFrom("product_images")
        .select("key")
        .where("id", "=", ids[0]!)
        .executeTakeFirstOrThrow()
    : null;
  const image = cover ? imageUrl(cover.key) : before;
  if (image !== before) {
    await trx
      .updateTable("products")
      .set({ image, updated_at: now })
      .where("id", "=", target.productId)
      .execute();
  }
  return image;
}

async function galleryIds(trx: Reader, productId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("product_images")
    .select("id")
    .where("product_id", "=", productId)
    .where("position", "is not", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

async function audit(trx: Trx, target: GalleryTarget, before: string, after: string, why: string) {
  await writeAudit(trx, {
    actor: target.actor,
    entity: "product",
    entityId: target.productId,
    cooperativeId: target.cooperativeId,
    action: "image",
    before: { image: before },
    after: { image: after, gallery: why },
    now: target.now ?? new Date(),
  });
}

/**
 * Adds pictures (already checked and written to disk) at the end of the gallery, in the
 * caller's transaction. The first picture of an empty gallery becomes the cover.
 */
export async function appendToGallery(trx: Trx, target: GalleryTarget, images: StoredImage[]) {
  if (!images.length) return;
  const product = await editableProduct(trx, target);
  const ids = await galleryIds(trx, product.id);
  if (ids.length + images.length > MAX_GALLERY) {
    throw new DomainError("productManage.errors.galleryFull", 409, { max: MAX_GALLERY }, "image");
  }
  const now = (target.now ?? new Date()).toISOString();
  for (const image of images) {
    const row = await trx
      .insertInto("product_images")
      .values({
        key: image.key,
        product_id: product.id,
        cooperative_id: target.cooperativeId,
        uploaded_by: target.actor.id,
        width: image.width,
        height: image.height,
        alt: image.alt?.trim() || null,
        position: ids.length,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const after = await saveOrder(trx, target, ids, product.image);
  await audit(trx, target, product.image, after, `+${images.length}`);
}

/** Moves one picture a place earlier or later; moving the second up makes it the cover. */
export async function moveGalleryImage(
  db: DB,
  target: GalleryTarget & { imageId: number; direction: "up" | "down" },
) {
  await db.transaction().execute(async (trx) => {
    const product = await editableProduct(trx, target);
    const ids = await galleryIds(trx, product.id);
    const from = ids.indexOf(target.imageId);
    if (from < 0) throw new DomainError("productManage.errors.noSuchImage", 404);
    const to = target.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const after = await saveOrder(trx, target, ids, product.image);
    await audit(trx, target, product.image, after, `move ${target.direction}`);
  });
}

/**
 * Takes a picture out of the gallery. The row and its files stay (past orders link to
 * them). The last picture cannot go: a product always shows one.
 */
export async function removeGalleryImage(db: DB, target: GalleryTarget & { imageId: number }) {
  await db.transaction().execute(async (trx) => {
    const product = await editableProduct(trx, target);
    const ids = await galleryIds(trx, product.id);
    if (!ids.includes(target.imageId)) {
      throw new DomainError("productManage.errors.noSuchImage", 404);
    }
    if (ids.length === 1) throw new DomainError("productManage.errors.lastImage", 409);
    await trx
      .updateTable("product_images")
      .set({ position: null })
      .where("id", "=", target.imageId)
      .execute();
    const rest = ids.filter((id) => id !== target.imageId);
    const after = await saveOrder(trx, target, rest, product.image);
    await audit(trx, target, product.image, after, "remove");
  });
}
