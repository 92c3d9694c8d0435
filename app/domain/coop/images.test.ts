import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { listAudit } from "./audit.server";
import { inspectImage, readStoredImage, saveProductImage } from "./images.server";
import { filesystemFileStore, type FileStore } from "~/domain/storage/file-store.server";

let db: DB;
let cleanup: () => Promise<void>;
let dir: string;
let store: FileStore;
let coopA: number;
let coopB: number;
let productA: number;
let actor: { id: number; name: string };

const png = (width = 1200, height = 900) =>
  sharp({
    create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-uploads-"));
  store = filesystemFileStore(dir);
  const coops = await createBasicCatalog(db);
  coopA = coops.datong;
  coopB = coops.huangzhong;
  productA = await createProduct(db, { cooperativeId: coopA });
  const id = await createUser(db, { role: "coop_manager", cooperativeIds: [coopA] });
  actor = { id, name: "马经理" };
});
afterEach(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const image = async () =>
  (
    await db
      .selectFrom("products")
      .select("image")
      .where("id", "=", productA)
      .executeTakeFirstOrThrow()
  ).image;

describe("product images", () => {
  it("stores a real PNG as 4:3 WebP in both sizes, outside the public folder", async () => {
    const bytes = await png(1000, 1000); // square: cropped to 4:3
    const { key, url } = await saveProductImage(db, {
      cooperativeId: coopA,
      productId: productA,
      bytes,
      actor,
      store,
    });
    expect(key).toMatch(/^[a-f0-9]{32}$/);
    expect(url).toBe(`/media/${key}/800.webp`);
    expect(await image()).toBe(url);
    for (const [file, width, height] of [
      ["400.webp", 400, 300],
      ["800.webp", 800, 600],
    ] as const) {
      const stored = await readStoredImage(store, key, file);
      expect(stored).not.toBeNull();
      const meta = await sharp(stored!.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", width, height]);
    }
    const row = await db
      .selectFrom("product_images")
      .select(["product_id", "cooperative_id", "width", "height"])
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ product_id: productA, cooperative_id: coopA, width: 1000, height: 1000 });
    expect((await listAudit(db, coopA, productA))[0]).toMatchObject({ action: "image" });
    expect(fs.readdirSync(dir)).toEqual([key]); // no staging folder left behind
  });

  it("accepts JPEG and WebP too", async () => {
    const base = sharp({ create: { width: 800, height: 600, channels: 3, background: "#c93" } });
    expect((await inspectImage(await base.clone().jpeg().toBuffer())).format).toBe("jpeg");
    expect((await inspectImage(await base.clone().webp().toBuffer())).format).toBe("webp");
  });

  it("refuses a text file named .jpg by its content", async () => {
    const bytes = Buffer.from("这不是图片 — just text pretending to be photo.jpg\n");
    const error = await refusal(
      saveProductImage(db, { cooperativeId: coopA, productId: productA, bytes, actor, store }),
    );
    expect(error).toMatchObject({ code: "portal.errors.imageType", field: "image" });
    expect(await image()).toBe("/images/placeholder.svg");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses a GIF, an SVG and a PNG header with nothing behind it", async () => {
    const gif = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#000" },
    })
      .gif()
      .toBuffer();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600"/></svg>',
    );
    const truncated = (await png()).subarray(0, 40);
    for (const bytes of [gif, svg, truncated]) {
      expect((await refusal(inspectImage(bytes))).code).toBe("portal.errors.imageType");
    }
  });

  it("refuses more than 5 MB before looking inside", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0xff);
    const error = await refusal(
      saveProductImage(db, { cooperativeId: coopA, productId: productA, bytes: big, actor, store }),
    );
    expect(error).toMatchObject({ code: "portal.errors.imageTooLarge", field: "image" });
    expect(await image()).toBe("/images/placeholder.svg");
  });

  it("refuses a picture too small for the store", async () => {
    const error = await refusal(inspectImage(await png(200, 150)));
    expect(error.code).toBe("portal.errors.imageSmall");
  });

  it("never stores a picture on another cooperative's product", async () => {
    const theirs = await createProduct(db, { cooperativeId: coopB });
    const error = await refusal(
      saveProductImage(db, {
        cooperativeId: coopA,
        productId: theirs,
        bytes: await png(),
        actor,
        store,
      }),
    );
    expect(error.status).toBe(403);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await db.selectFrom("product_images").select("id").execute()).toEqual([]);
  });

  it("reads back only a well-formed key and a known size", async () => {
    const { key } = await saveProductImage(db, {
      cooperativeId: coopA,
      productId: productA,
      bytes: await png(),
      actor,
      store,
    });
    expect(await readStoredImage(store, key, "400.webp")).not.toBeNull();
    expect(await readStoredImage(store, key, "1600.webp")).toBeNull();
    expect(await readStoredImage(store, "../" + key, "400.webp")).toBeNull();
    expect(await readStoredImage(store, key, "../../app.sqlite")).toBeNull();
    expect(await readStoredImage(store, "0".repeat(32), "400.webp")).toBeNull();
  });
});
