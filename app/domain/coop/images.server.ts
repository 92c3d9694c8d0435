import crypto from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { fileStore, type FileStore, type StoredFile } from "../storage/file-store.server";
import type { Actor } from "./audit.server";
import { appendToGallery, MAX_ALT, MAX_GALLERY, type StoredImage } from "./gallery.server";
import { imageUrl } from "./image-url";
import { MAX_IMAGE_BYTES } from "./product-input";

/** The sizes the store shows: cards at 400×300, the product page at 800×600 (4:3, WebP). */
export const IMAGE_SIZES = [
  { file: "400.webp", width: 400, height: 300 },
  { file: "800.webp", width: 800, height: 600 },
] as const;
export const IMAGE_FILES: readonly string[] = IMAGE_SIZES.map((s) => s.file);
export const MIN_IMAGE = { width: 400, height: 300 };
/** Refuse decompression bombs: a 5 MB file can still claim billions of pixels. */
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);
/** 32 hex characters; anything else in a URL never reaches the file system. */
export const IMAGE_KEY_RE = /^[a-f0-9]{32}$/;

export { imageUrl };

/** What the first bytes say the file is, whatever its name claims. */
function sniff(bytes: Uint8Array): "jpeg" | "png" | "webp" | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from("89504e470d0a1a0a", "hex"))) {
    return "png";
  }
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString("latin1") === "RIFF" &&
    b.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return "webp";
  }
  return null;
}

/**
 * Checks an upload by its content: at most 5 MB, and a JPEG, PNG or WebP picture that decodes
 * (the magic bytes and sharp must agree), at least 400×300. Throws a DomainError on the
 * `image` field otherwise.
 */
export async function inspectImage(
  bytes: Uint8Array,
): Promise<{ format: string; width: number; height: number }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new DomainError("portal.errors.imageTooLarge", 400, { mb: 5 }, "image");
  }
  if (bytes.byteLength === 0) throw new DomainError("portal.errors.imageMissing", 400, {}, "image");
  const sniffed = sniff(bytes);
  if (!sniffed) throw new DomainError("portal.errors.imageType", 400, {}, "image");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new DomainError("portal.errors.imageType", 400, {}, "image");
  }
  if (!meta.format || meta.format !== sniffed || !ACCEPTED.has(meta.format)) {
    throw new DomainError("portal.errors.imageType", 400, {}, "image");
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (width * height > MAX_INPUT_PIXELS) {
    throw new DomainError("portal.errors.imagePixels", 400, {}, "image");
  }
  if (width < MIN_IMAGE.width || height < MIN_IMAGE.height) {
    throw new DomainError("portal.errors.imageSmall", 400, MIN_IMAGE, "image");
  }
  return { format: meta.format, width, height };
}

/**
 * Stores each size the store shows under `key`: cropped to 4:3, upright per its EXIF
 * orientation, metadata dropped, as WebP. All sizes are rendered before any is stored, and a
 * failure part-way removes what was stored: all sizes appear or none do.
 */
export async function writeImageFiles(
  bytes: Uint8Array,
  store: FileStore,
  key: string,
): Promise<void> {
  const rendered: Array<{ file: string; bytes: Buffer }> = [];
  try {
    for (const size of IMAGE_SIZES) {
      const webp = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize(size.width, size.height, { fit: "cover", position: "attention" })
        .webp({ quality: 82 })
        .toBuffer();
      rendered.push({ file: size.file, bytes: webp });
    }
  } catch {
    throw new DomainError("portal.errors.imageType", 400, {}, "image");
  }
  try {
    for (const file of rendered) await store.put(key, file.file, file.bytes, "image/webp");
  } catch (error) {
    await store.delete(key);
    throw error;
  }
}

interface ImageUpload {
  cooperativeId: number;
  productId: number;
  /** one picture, or several (the new-product form and the gallery take up to MAX_GALLERY) */
  bytes: Uint8Array | Uint8Array[];
  alt?: string | null;
  actor: Actor;
  now?: Date;
  /** where the pictures go (tests); the server's configured store otherwise */
  store?: FileStore;
}

/**
 * Checks every picture, then writes each under its own new key: all of them, or (when one
 * fails) none. Call before the transaction that records them; `discardImages` undoes it.
 */
export async function storeImages(
  store: FileStore,
  uploads: Uint8Array[],
  alt: string | null = null,
): Promise<StoredImage[]> {
  const checked = [];
  for (const bytes of uploads) checked.push({ bytes, ...(await inspectImage(bytes)) });
  const stored: StoredImage[] = [];
  try {
    for (const image of checked) {
      const key = crypto.randomBytes(16).toString("hex");
      await writeImageFiles(image.bytes, store, key);
      stored.push({ key, width: image.width, height: image.height, alt });
    }
  } catch (error) {
    await discardImages(store, stored);
    throw error;
  }
  return stored;
}

/** Removes pictures written by storeImages whose transaction did not commit. */
export async function discardImages(store: FileStore, stored: readonly { key: string }[]) {
  for (const image of stored) await store.delete(image.key);
}

/**
 * Stores product pictures at the end of the product's gallery: checks them, writes each
 * size the store shows in the file store, records the product_images rows (the first
 * picture of an empty gallery becomes the product's cover). Removed and replaced pictures
 * stay stored: past orders link to them.
 */
export async function saveProductImage(
  db: DB,
  input: ImageUpload,
): Promise<{ key: string; url: string }> {
  const now = input.now ?? new Date();
  if (!Number.isSafeInteger(input.productId) || input.productId <= 0) {
    throw new DomainError("portal.errors.forbidden", 403);
  }
  if (input.alt && input.alt.length > MAX_ALT) {
    throw new DomainError("productManage.errors.altTooLong", 400, { max: MAX_ALT }, "alt");
  }
  // Scope first: another cooperative's product is refused before any work is done.
  const product = await db
    .selectFrom("products")
    .select(["id", "status"])
    .where("id", "=", input.productId)
    .where("cooperative_id", "=", input.cooperativeId)
    .executeTakeFirst();
  if (!product) throw new DomainError("portal.errors.forbidden", 403);
  if (product.status === "archived") throw new DomainError("portal.errors.archived", 409);
  const uploads = Array.isArray(input.bytes) ? input.bytes : [input.bytes];
  if (uploads.length === 0) throw new DomainError("portal.errors.imageMissing", 400, {}, "image");
  if (uploads.length > MAX_GALLERY) {
    throw new DomainError("productManage.errors.galleryFull", 409, { max: MAX_GALLERY }, "image");
  }
  const store = input.store ?? fileStore(db);
  const stored = await storeImages(store, uploads, input.alt ?? null);
  try {
    await db
      .transaction()
      .execute((trx) => appendToGallery(trx, { ...input, productId: product.id, now }, stored));
  } catch (error) {
    await discardImages(store, stored);
    throw error;
  }
  const first = stored[0]!;
  return { key: first.key, url: imageUrl(first.key) };
}

/** Reads one stored size, or null for anything that is not exactly a key and a known size. */
export async function readStoredImage(
  store: FileStore,
  key: string,
  file: string,
): Promise<StoredFile | null> {
  if (!IMAGE_KEY_RE.test(key) || !IMAGE_FILES.includes(file)) return null;
  return store.get(key, file);
}
