import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { productGallery } from "../catalog/product-page.server";
import { DomainError } from "../errors";
import { listGallery, moveGalleryImage, removeGalleryImage } from "./gallery.server";
import { saveProductImage } from "./images.server";
import { filesystemFileStore, type FileStore } from "~/domain/storage/file-store.server";

let db: DB;
let cleanup: () => Promise<void>;
let dir: string;
let store: FileStore;
let coopA: number;
let coopB: number;
let productA: number;
let actor: { id: number; name: string };

const png = (shade: number) =>
  sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: shade, g: 90, b: 60 } },
  })
    .png()
    .toBuffer();

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-gallery-"));
  store = filesystemFileStore(dir);
  ({ datong: coopA, huangzhong: coopB } = await createBasicCatalog(db));
  productA = await createProduct(db, { cooperativeId: coopA, image: "/images/yak.svg" });
  actor = {
    id: await createUser(db, { role: "coop_manager", cooperativeIds: [coopA] }),
    name: "马经理",
  };
});
afterEach(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const target = () => ({ cooperativeId: coopA, productId: productA, actor });
const cover = async () =>
  (
    await db
      .selectFrom("products")
      .select("image")
      .where("id", "=", productA)
      .executeTakeFirstOrThrow()
  ).image;
const catalogueVersion = async () =>
  (
    await db
      .selectFrom("page_versions")
      .select("version")
      .where("scope", "=", "catalogue")
      .executeTakeFirstOrThrow()
  ).version;

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("a product's gallery", () => {
  it("shows the seeded picture alone until pictures are uploaded", async () => {
    expect(await productGallery(db, { id: productA, image: await cover() })).toEqual([
      { url: "/images/yak.svg", thumb: "/images/yak.svg", alt: null },
    ]);
  });

  it("appends uploads in order, the first becoming the cover; several at once", async () => {
    const first = await saveProductImage(db, {
      ...target(),
      bytes: await png(10),
      store,
      alt: "整块牛腩",
    });
    expect(await cover()).toBe(first.url);
    const before = await catalogueVersion();
    await saveProductImage(db, { ...target(), bytes: [await png(60), await png(120)], store });
    expect(await catalogueVersion()).toBeGreaterThan(before);
    const gallery = await listGallery(db, productA);
    expect(gallery).toHaveLength(3);
    expect(gallery[0]).toMatchObject({ url: first.url, alt: "整块牛腩" });
    // a later upload does not replace the cover
    expect(await cover()).toBe(first.url);
    const shown = await productGallery(db, { id: productA, image: await cover() });
    expect(shown.map((p) => p.url)).toEqual(gallery.map((p) => p.url));
    expect(shown[1]!.thumb).toMatch(/\/400\.webp$/);
  });

  it("moves a picture up and down; the new first picture becomes the cover", async () => {
    await saveProductImage(db, {
      ...target(),
      bytes: [await png(10), await png(60), await png(120)],
      store,
    });
    const [a, b, c] = await listGallery(db, productA);
    await moveGalleryImage(db, { ...target(), imageId: b!.id, direction: "up" });
    expect((await listGallery(db, productA)).map((p) => p.id)).toEqual([b!.id, a!.id, c!.id]);
    expect(await cover()).toBe(b!.url);
    await moveGalleryImage(db, { ...target(), imageId: b!.id, direction: "down" });
    await moveGalleryImage(db, { ...target(), imageId: c!.id, direction: "down" }); // already last
    expect((await listGallery(db, productA)).map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(await cover()).toBe(a!.url);
  });

  it("removes a picture (the cover passes to the next) but never the last one", async () => {
    await saveProductImage(db, { ...target(), bytes: [await png(10), await png(60)], store });
    const [a, b] = await listGallery(db, productA);
    await removeGalleryImage(db, { ...target(), imageId: a!.id });
    expect((await listGallery(db, productA)).map((p) => p.id)).toEqual([b!.id]);
    expect(await cover()).toBe(b!.url);
    // the row stays (past orders link to its files), out of the gallery
    const kept = await db
      .selectFrom("product_images")
      .select("position")
      .where("id", "=", a!.id)
      .executeTakeFirstOrThrow();
    expect(kept.position).toBeNull();
    const last = await refusal(removeGalleryImage(db, { ...target(), imageId: b!.id }));
    expect(last.code).toBe("productManage.errors.lastImage");
  });

  it("refuses another cooperative, a picture of another product, and an archived product", async () => {
    await saveProductImage(db, { ...target(), bytes: [await png(10), await png(60)], store });
    const [a] = await listGallery(db, productA);
    const other = await refusal(
      moveGalleryImage(db, {
        ...target(),
        cooperativeId: coopB,
        imageId: a!.id,
        direction: "down",
      }),
    );
    expect(other.status).toBe(403);
    const productB = await createProduct(db, { cooperativeId: coopA });
    const wrong = await refusal(
      removeGalleryImage(db, { ...target(), productId: productB, imageId: a!.id }),
    );
    expect(wrong.code).toBe("productManage.errors.noSuchImage");
    await db
      .updateTable("products")
      .set({ status: "archived" })
      .where("id", "=", productA)
      .execute();
    expect((await refusal(removeGalleryImage(db, { ...target(), imageId: a!.id }))).status).toBe(
      409,
    );
  });

  it("refuses a batch with one bad file whole: no row, no files", async () => {
    const bad = new Uint8Array(Buffer.from("GIF89a not a picture"));
    const error = await refusal(
      saveProductImage(db, { ...target(), bytes: [await png(10), bad], store }),
    );
    expect(error.code).toBe("portal.errors.imageType");
    expect(await listGallery(db, productA)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await cover()).toBe("/images/yak.svg");
  });
});
