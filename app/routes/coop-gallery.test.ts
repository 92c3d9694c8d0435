// Route tests for product pictures in the cooperative portal: several on a new product
// (a multipart form), and ordering the gallery with plain forms.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog } from "#tests/factories/catalog";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as edit from "./coop.$coop.products.$id/route";
import * as create from "./coop.$coop.products.new";

let slug: string;
let manager: Browser;

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  slug = (
    await db
      .selectFrom("cooperatives")
      .select("slug")
      .where("id", "=", coops.datong)
      .executeTakeFirstOrThrow()
  ).slug;
  const { token } = await createUserWithSession(db, {
    role: "coop_manager",
    cooperativeIds: [coops.datong],
  });
  const pair = (await sessionCookie().serialize(token)).split(";")[0]!;
  manager = new Browser();
  manager.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
});

const png = async (shade: number) =>
  new File(
    [
      await sharp({
        create: { width: 800, height: 600, channels: 3, background: { r: shade, g: 80, b: 40 } },
      })
        .png()
        .toBuffer(),
    ],
    `p${shade}.png`,
    { type: "image/png" },
  );

const NEW_PRODUCT: Record<string, string> = {
  nameZh: "青稞米",
  nameEn: `Highland Barley ${Date.now()}`,
  category: "grain",
  summaryZh: "高原青稞",
  summaryEn: "Highland barley",
  storyZh: "海拔两千六百米的青稞。",
  storyEn: "Barley grown at 2,600 metres.",
  unitZh: "500 克",
  unitEn: "500 g",
  price: "39.90",
  stock: "100",
  coldChain: "",
  storageZh: "阴凉干燥处",
  storageEn: "Cool and dry",
  shelfLifeDays: "365",
  "cert.0.kind": "aid",
  "cert.0.number": "XNXFBF-2026-0999",
  "cert.0.issuedBy": "西宁市乡村振兴局",
  "cert.0.expiresOn": "2099-12-31",
};

function multipart(path: string, fields: Record<string, string>, files: File[]): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const file of files) body.append("image", file);
  return new Request(new URL(path, BASE), {
    method: "POST",
    body,
    headers: { Cookie: manager.header(), Origin: BASE, Host: new URL(BASE).host },
  });
}

const galleryOf = async (productId: number) =>
  (await getDb())
    .selectFrom("product_images")
    .select(["id", "key", "position"])
    .where("product_id", "=", productId)
    .where("position", "is not", null)
    .orderBy("position")
    .execute();

describe("pictures in the portal", () => {
  it("creates a product with its pictures, the first the cover, then orders them", async () => {
    const response = await call(
      create.action,
      multipart(`/coop/${slug}/products/new`, NEW_PRODUCT, [await png(10), await png(90)]),
      { coop: slug },
    );
    expect(response.status).toBe(302);
    const id = Number(/products\/(\d+)\?done=created$/.exec(response.headers.get("Location")!)![1]);
    const gallery = await galleryOf(id);
    expect(gallery.map((g) => g.position)).toEqual([0, 1]);
    const db = await getDb();
    const image = async () =>
      (
        await db
          .selectFrom("products")
          .select("image")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).image;
    expect(await image()).toBe(`/media/${gallery[0]!.key}/800.webp`);

    const params = { coop: slug, id: String(id) };
    const path = `/coop/${slug}/products/${id}`;
    const move = await call(
      edit.action,
      manager.post(path, { intent: "imageMove", imageId: gallery[1]!.id, direction: "up" }),
      params,
    );
    expect(move.headers.get("Location")).toBe(`${path}?done=image`);
    expect(await image()).toBe(`/media/${gallery[1]!.key}/800.webp`);
    const remove = await call(
      edit.action,
      manager.post(path, { intent: "imageRemove", imageId: gallery[1]!.id }),
      params,
    );
    expect(remove.status).toBe(302);
    expect((await galleryOf(id)).map((g) => g.id)).toEqual([gallery[0]!.id]);
    const last = await call(
      edit.action,
      manager.post(path, { intent: "imageRemove", imageId: gallery[0]!.id }),
      params,
    );
    expect(last.status).toBe(409);
    expect(await last.json()).toMatchObject({ intent: "image" });
    const bad = await call(
      edit.action,
      manager.post(path, { intent: "imageMove", imageId: "abc", direction: "up" }),
      params,
    );
    expect(bad.status).toBe(400);
    const loader = (await (await call(edit.loader, manager.get(path), params)).json()) as {
      gallery: unknown[];
    };
    expect(loader.gallery).toHaveLength(1);
  });

  it("refuses a new product whose picture is not one, keeping what was typed and creating nothing", async () => {
    const db = await getDb();
    const count = async () => (await db.selectFrom("products").select("id").execute()).length;
    const before = await count();
    const fake = new File(["not a picture"], "x.jpg", { type: "image/jpeg" });
    const response = await call(
      create.action,
      multipart(`/coop/${slug}/products/new`, { ...NEW_PRODUCT, nameEn: "Kept name" }, [
        await png(10),
        fake,
      ]),
      { coop: slug },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: { image: "portal.errors.imageType" },
      values: { nameEn: "Kept name" },
    });
    expect(await count()).toBe(before);
  });

  it("still creates a product without pictures (plain form)", async () => {
    const response = await call(
      create.action,
      manager.post(`/coop/${slug}/products/new`, { ...NEW_PRODUCT, nameEn: "No picture" }),
      { coop: slug },
    );
    expect(response.status).toBe(302);
  });
});
