import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import type { DB } from "#db/connection";
import { env } from "~/utils/env.server";
import { DomainError } from "../errors";
import { writeAudit, type Actor } from "./audit.server";
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

/** Uploads live beside the database, in the data folder: never under public/ or build/. */
export function uploadsDir(): string {
  return path.join(path.dirname(path.resolve(env().DATABASE_PATH)), "uploads");
}

export const imageUrl = (key: string, file: string = "800.webp") => `/media/${key}/${file}`;

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
 * Writes each size the store shows under `root/key`: cropped to 4:3, upright per its EXIF
 * orientation, metadata dropped, as WebP. All sizes appear at once or none do.
 */
export async function writeImageFiles(
  bytes: Uint8Array,
  root: string,
  key: string,
): Promise<string> {
  const staging = path.join(root, `.tmp-${key}`);
  const final = path.join(root, key);
  await fs.mkdir(staging, { recursive: true });
  try {
    for (const size of IMAGE_SIZES) {
      await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize(size.width, size.height, { fit: "cover", position: "attention" })
        .webp({ quality: 82 })
        .toFile(path.join(staging, size.file));
    }
    await fs.rename(staging, final);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if (error instanceof DomainError) throw error;
    throw new DomainError("portal.errors.imageType", 400, {}, "image");
  }
  return final;
}

interface ImageUpload {
  cooperativeId: number;
  productId: number;
  bytes: Uint8Array;
  actor: Actor;
  now?: Date;
  dir?: string;
}

/** Points the product at its new picture, with the image's row and the audit entry. */
async function recordProductImage(
  db: DB,
  input: ImageUpload & { now: Date },
  stored: { key: string; url: string; width: number; height: number; previous: string },
) {
  const { cooperativeId, productId, now } = input;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("products")
      .set({ image: stored.url, updated_at: now.toISOString() })
      .where("id", "=", productId)
      .where("cooperative_id", "=", cooperativeId)
      .where("status", "!=", "archived")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new DomainError("portal.errors.archived", 409);
    }
    await trx
      .insertInto("product_images")
      .values({
        key: stored.key,
        product_id: productId,
        cooperative_id: cooperativeId,
        uploaded_by: input.actor.id,
        width: stored.width,
        height: stored.height,
        created_at: now.toISOString(),
      })
      .execute();
    await writeAudit(trx, {
      actor: input.actor,
      entity: "product",
      entityId: productId,
      cooperativeId,
      action: "image",
      before: { image: stored.previous },
      after: { image: stored.url },
      now,
    });
  });
}

/**
 * Stores a product picture: checks it, writes each size the store shows under the data
 * folder, records a product_images row and points the product at the new picture. Earlier
 * pictures stay on disk: past orders link to them.
 */
export async function saveProductImage(
  db: DB,
  input: ImageUpload,
): Promise<{ key: string; url: string }> {
  const now = input.now ?? new Date();
  if (!Number.isSafeInteger(input.productId) || input.productId <= 0) {
    throw new DomainError("portal.errors.forbidden", 403);
  }
  // Scope first: another cooperative's product is refused before any work is done.
  const product = await db
    .selectFrom("products")
    .select(["id", "status", "image"])
    .where("id", "=", input.productId)
    .where("cooperative_id", "=", input.cooperativeId)
    .executeTakeFirst();
  if (!product) throw new DomainError("portal.errors.forbidden", 403);
  if (product.status === "archived") throw new DomainError("portal.errors.archived", 409);

  const { width, height } = await inspectImage(input.bytes);
  const key = crypto.randomBytes(16).toString("hex");
  const final = await writeImageFiles(input.bytes, input.dir ?? uploadsDir(), key);
  const url = imageUrl(key);
  try {
    const stored = { key, url, width, height, previous: product.image };
    await recordProductImage(db, { ...input, productId: product.id, now }, stored);
  } catch (error) {
    await fs.rm(final, { recursive: true, force: true });
    throw error;
  }
  return { key, url };
}

/** Reads one stored size, or null for anything that is not exactly a key and a known size. */
export async function readStoredImage(
  key: string,
  file: string,
  dir: string = uploadsDir(),
): Promise<Buffer | null> {
  if (!IMAGE_KEY_RE.test(key) || !IMAGE_FILES.includes(file)) return null;
  try {
    return await fs.readFile(path.join(dir, key, file));
  } catch {
    return null;
  }
}
