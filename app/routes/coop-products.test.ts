// Route tests for the cooperative portal's products: loaders and actions as a browser would
// call them, on a real SQLite file, with a signed-in cooperative manager.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { aidCert, createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import { shanghaiDate } from "~/utils/time";
import * as edit from "./coop.$coop.products.$id/route";
import * as list from "./coop.$coop.products._index";
import * as create from "./coop.$coop.products.new";
import * as media from "./media.$key.$file";

let slugA: string;
let slugB: string;
let coopA: number;
let productA: number;
let productB: number;
let manager: Browser;

async function signedIn(options: Parameters<typeof createUserWithSession>[1]) {
  const { token } = await createUserWithSession(await getDb(), options);
  const cookie = await sessionCookie().serialize(token);
  const pair = cookie.split(";")[0]!;
  const b = new Browser();
  b.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  return b;
}

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  coopA = coops.datong;
  const slugs = await db.selectFrom("cooperatives").select(["id", "slug"]).execute();
  slugA = slugs.find((c) => c.id === coops.datong)!.slug;
  slugB = slugs.find((c) => c.id === coops.huangzhong)!.slug;
  productA = await createProduct(db, {
    cooperativeId: coops.datong,
    slug: "yak-a",
    nameZh: "牦牛腱子",
    nameEn: "Yak shank",
    category: "meat",
    priceFen: 10000,
    stock: 20,
    certifications: [
      aidCert({
        number: "XNXFBF-2026-0001",
        issuedBy: "西宁市乡村振兴局",
        expiresOn: "2099-12-31",
      }),
    ],
  });
  productB = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    slug: "milk-b",
    nameZh: "鲜牛奶",
    priceFen: 1580,
    stock: 50,
    category: "dairy",
  });
  manager = await signedIn({
    role: "coop_manager",
    name: "马经理",
    cooperativeIds: [coops.datong],
  });
});

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

async function productRow(id: number) {
  return (await getDb())
    .selectFrom("products")
    .select(["status", "price_fen", "stock", "image", "name_zh"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** The edit form as the page would submit it for product A. */
function editForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "update",
    nameZh: "牦牛腱子",
    nameEn: "Yak shank",
    summaryZh: "高原放养牦牛。",
    summaryEn: "",
    category: "meat",
    unitZh: "1 千克",
    unitEn: "1 kg",
    price: "100.00",
    shelfLifeDays: "180",
    coldChain: "on",
    "cert.0.kind": "aid",
    "cert.0.number": "XNXFBF-2026-0001",
    "cert.0.issuedBy": "西宁市乡村振兴局",
    "cert.0.expiresOn": "2099-12-31",
    why: "",
    ...overrides,
  };
}

function newForm(overrides: Record<string, string> = {}): Record<string, string> {
  const { intent: _intent, why: _why, ...rest } = editForm();
  return {
    ...rest,
    nameZh: "青稞米",
    nameEn: "Highland Barley Rice",
    category: "grain",
    price: "39.90",
    stock: "100",
    coldChain: "",
    "cert.0.number": "XNXFBF-2026-0777",
    ...overrides,
  };
}

function upload(b: Browser, path: string, file: File): Request {
  const body = new FormData();
  body.set("intent", "image");
  body.set("image", file);
  return new Request(new URL(path, BASE), {
    method: "POST",
    body,
    headers: { Cookie: b.header(), Origin: BASE, Host: new URL(BASE).host },
  });
}

const editPath = (slug: string, id: number | string) => `/coop/${slug}/products/${id}`;

describe("a manager and their own products", () => {
  it("lists the cooperative's products and never another's", async () => {
    const response = await call(list.loader, manager.get(`/coop/${slugA}/products`), {
      coop: slugA,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const data = await json(response);
    const ids = (data.products as Array<{ id: number }>).map((p) => p.id);
    expect(ids).toContain(productA);
    expect(ids).not.toContain(productB);
  });

  it("opens and saves the edit form; the history shows who changed what", async () => {
    const page = await call(edit.loader, manager.get(editPath(slugA, productA)), {
      coop: slugA,
      id: String(productA),
    });
    expect(page.status).toBe(200);
    const data = await json(page);
    expect(data.formValues).toMatchObject({ price: "100.00", "cert.0.kind": "aid" });

    const saved = await call(
      edit.action,
      manager.post(editPath(slugA, productA), editForm({ summaryZh: "高原放养，肉质紧实。" })),
      { coop: slugA, id: String(productA) },
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`${editPath(slugA, productA)}?done=saved`);
    expect(await productRow(productA)).toMatchObject({ status: "active", price_fen: 10000 });
    const after = await json(
      await call(edit.loader, manager.get(editPath(slugA, productA)), {
        coop: slugA,
        id: String(productA),
      }),
    );
    expect((after.audit as Array<{ action: string; actorName: string }>)[0]).toMatchObject({
      action: "update",
      actorName: "马经理",
    });
  });

  it("creates a product that waits for review", async () => {
    const response = await call(
      create.action,
      manager.post(`/coop/${slugA}/products/new`, newForm()),
      {
        coop: slugA,
      },
    );
    expect(response.status).toBe(302);
    const id = Number(/products\/(\d+)\?done=created$/.exec(response.headers.get("Location")!)![1]);
    expect(await productRow(id)).toMatchObject({ status: "pending_review", price_fen: 3990 });
    const listed = await json(
      await call(list.loader, manager.get(`/coop/${slugA}/products`), { coop: slugA }),
    );
    const row = (listed.products as Array<{ id: number; review: { reason: string } }>).find(
      (p) => p.id === id,
    );
    expect(row?.review).toMatchObject({ reason: "new", status: "pending" });
  });
});

describe("another cooperative's products are out of reach", () => {
  it("answers 403 to reading or changing B's product by id, and nothing changes", async () => {
    const params = { coop: slugA, id: String(productB) };
    const before = await productRow(productB);
    expect((await call(edit.loader, manager.get(editPath(slugA, productB)), params)).status).toBe(
      403,
    );
    for (const form of [
      editForm({ price: "1.00", why: "x" }),
      { intent: "stock", mode: "set", amount: "0", why: "清空" },
      { intent: "archive" },
      { intent: "update" }, // even an invalid form gets the 403, not a validation message
    ]) {
      const response = await call(
        edit.action,
        manager.post(editPath(slugA, productB), form),
        params,
      );
      expect(response.status).toBe(403);
    }
    const png = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#888" },
    })
      .png()
      .toBuffer();
    const img = await call(
      edit.action,
      upload(manager, editPath(slugA, productB), new File([png], "x.png", { type: "image/png" })),
      params,
    );
    expect(img.status).toBe(403);
    expect(await productRow(productB)).toEqual(before);
  });

  it("answers 403 for ids that do not exist or are not ids, and for B's portal", async () => {
    for (const id of ["999999", "abc", "0", "-1", "1e3"]) {
      const response = await call(edit.loader, manager.get(editPath(slugA, id)), {
        coop: slugA,
        id,
      });
      expect(response.status, id).toBe(403);
    }
    expect(
      (await call(list.loader, manager.get(`/coop/${slugB}/products`), { coop: slugB })).status,
    ).toBe(403);
    expect(
      (
        await call(create.action, manager.post(`/coop/${slugB}/products/new`, newForm()), {
          coop: slugB,
        })
      ).status,
    ).toBe(403);
  });

  it("sends strangers to log in, refuses shoppers and cross-site posts", async () => {
    const anonymous = await call(list.loader, new Browser().get(`/coop/${slugA}/products`), {
      coop: slugA,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
    const shopper = await signedIn({ role: "shopper" });
    expect(
      (await call(list.loader, shopper.get(`/coop/${slugA}/products`), { coop: slugA })).status,
    ).toBe(403);
    const crossSite = await call(
      edit.action,
      manager.post(editPath(slugA, productA), editForm(), { Origin: "https://evil.example" }),
      { coop: slugA, id: String(productA) },
    );
    expect(crossSite.status).toBe(403);
  });
});

describe("bad input gets a message beside the field and changes nothing", () => {
  it("refuses a text file named .jpg and an oversized upload", async () => {
    const params = { coop: slugA, id: String(productA) };
    const before = await productRow(productA);
    const fake = await call(
      edit.action,
      upload(
        manager,
        editPath(slugA, productA),
        new File(["just some text, honestly"], "photo.jpg", { type: "image/jpeg" }),
      ),
      params,
    );
    expect(fake.status).toBe(400);
    expect(await json(fake)).toMatchObject({
      intent: "image",
      errors: { image: "portal.errors.imageType" },
    });
    const huge = await call(
      edit.action,
      upload(
        manager,
        editPath(slugA, productA),
        new File([new Uint8Array(5 * 1024 * 1024 + 10)], "big.png", { type: "image/png" }),
      ),
      params,
    );
    expect(huge.status).toBe(400);
    expect(await json(huge)).toMatchObject({ errors: { image: "portal.errors.imageTooLarge" } });
    expect(await productRow(productA)).toEqual(before);
    const db = await getDb();
    expect(
      await db
        .selectFrom("product_images")
        .select("id")
        .where("product_id", "=", productA)
        .execute(),
    ).toEqual([]);
  });

  it("refuses negative or non-integer price and stock, keeping what was typed", async () => {
    const db = await getDb();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("products")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    for (const [field, value, code] of [
      ["price", "-5", "portal.errors.priceNegative"],
      ["price", "12.345", "portal.errors.priceDecimals"],
      ["price", "abc", "portal.errors.price"],
      ["stock", "-1", "portal.errors.stockNegative"],
      ["stock", "2.5", "portal.errors.stockInteger"],
    ] as const) {
      const response = await call(
        create.action,
        manager.post(`/coop/${slugA}/products/new`, newForm({ [field]: value })),
        { coop: slugA },
      );
      expect(response.status).toBe(400);
      const data = await json(response);
      expect(data.errors, `${field}=${value}`).toMatchObject({ [field]: code });
      expect(data.values).toMatchObject({ [field]: value, nameZh: "青稞米" });
    }
    expect(await count()).toBe(n);

    const params = { coop: slugA, id: String(productA) };
    const before = await productRow(productA);
    const badPrice = await call(
      edit.action,
      manager.post(editPath(slugA, productA), editForm({ price: "-100", why: "x" })),
      params,
    );
    expect(badPrice.status).toBe(400);
    expect(await json(badPrice)).toMatchObject({
      errors: { price: "portal.errors.priceNegative" },
    });
    const badStock = await call(
      edit.action,
      manager.post(editPath(slugA, productA), {
        intent: "stock",
        mode: "add",
        amount: "1.5",
        why: "盘点",
      }),
      params,
    );
    expect(badStock.status).toBe(400);
    expect(await json(badStock)).toMatchObject({
      intent: "stock",
      errors: { amount: "portal.errors.stockInteger" },
      values: { amount: "1.5" },
    });
    const belowZero = await call(
      edit.action,
      manager.post(editPath(slugA, productA), {
        intent: "stock",
        mode: "add",
        amount: "-999",
        why: "盘点",
      }),
      params,
    );
    expect(belowZero.status).toBe(409);
    expect(await json(belowZero)).toMatchObject({
      errors: { amount: "portal.errors.stockBelowZero" },
    });
    expect(await productRow(productA)).toEqual(before);
  });

  it("refuses control characters in product texts, keeping line breaks in the story", async () => {
    const params = { coop: slugA, id: String(productA) };
    const before = await productRow(productA);
    const response = await call(
      edit.action,
      manager.post(
        editPath(slugA, productA),
        editForm({
          nameZh: "牦牛\u0000腱子",
          unitEn: "1\u001b[31m kg",
          storyZh: "第一段\r\n第二段\u0007",
        }),
      ),
      params,
    );
    expect(response.status).toBe(400);
    const data = await json(response);
    expect(data.errors).toEqual({
      nameZh: "security.controlCharacters",
      unitEn: "security.controlCharacters",
      storyZh: "security.controlCharacters",
    });
    expect(data.values).toMatchObject({
      nameZh: "牦牛腱子",
      unitEn: "1[31m kg",
      storyZh: "第一段\r\n第二段",
    });
    expect(await productRow(productA)).toEqual(before);

    const saved = await call(
      edit.action,
      manager.post(editPath(slugA, productA), editForm({ storyZh: "第一段\r\n\t第二段" })),
      params,
    );
    expect(saved.status).toBe(302);
    const story = await (
      await getDb()
    )
      .selectFrom("products")
      .select("story_zh")
      .where("id", "=", productA)
      .executeTakeFirstOrThrow();
    expect(story.story_zh).toBe("第一段\r\n\t第二段");
  });

  it("refuses an expired aid certification on a new product", async () => {
    const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
    const response = await call(
      create.action,
      manager.post(
        `/coop/${slugA}/products/new`,
        newForm({ nameEn: "Expired Cert Rice", "cert.0.expiresOn": yesterday }),
      ),
      { coop: slugA },
    );
    expect(response.status).toBe(400);
    const data = await json(response);
    expect(data.errors).toEqual({ "cert.0.expiresOn": "portal.errors.aidCertExpired" });
    expect(data.params).toEqual({ "cert.0.expiresOn": { date: yesterday } });
    expect(data.values).toMatchObject({ "cert.0.expiresOn": yesterday });
    const db = await getDb();
    expect(
      await db
        .selectFrom("products")
        .select("id")
        .where("slug", "=", "expired-cert-rice")
        .execute(),
    ).toEqual([]);
  });
});

describe("reviews, stock and pictures", () => {
  it("keeps the old price and opens a review for a 40% raise", async () => {
    const db = await getDb();
    const id = await createProduct(db, {
      cooperativeId: coopA,
      category: "meat",
      priceFen: 10000,
      certifications: [
        aidCert({
          number: "XNXFBF-2026-0001",
          issuedBy: "西宁市乡村振兴局",
          expiresOn: "2099-12-31",
        }),
      ],
    });
    const response = await call(
      edit.action,
      manager.post(editPath(slugA, id), editForm({ price: "140.00", why: "饲料成本上涨" })),
      { coop: slugA, id: String(id) },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${editPath(slugA, id)}?done=priceReview`);
    expect(await productRow(id)).toMatchObject({ status: "active", price_fen: 10000 });
    const review = await db
      .selectFrom("product_reviews")
      .select(["reason", "status", "proposal", "submitted_by"])
      .where("product_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(review).toMatchObject({ reason: "price_raise", status: "pending" });
    expect(JSON.parse(review.proposal)).toMatchObject({ priceFen: 14000 });
    const page = await json(
      await call(edit.loader, manager.get(editPath(slugA, id)), { coop: slugA, id: String(id) }),
    );
    expect(page.product).toMatchObject({
      priceFen: 10000,
      review: { reason: "price_raise", status: "pending", proposedPriceFen: 14000 },
    });
  });

  it("writes a stock adjustment to the audit log with before, after and why", async () => {
    const db = await getDb();
    const id = await createProduct(db, { cooperativeId: coopA, stock: 20 });
    const response = await call(
      edit.action,
      manager.post(editPath(slugA, id), {
        intent: "stock",
        mode: "add",
        amount: "-3",
        why: "运输破损",
      }),
      { coop: slugA, id: String(id) },
    );
    expect(response.status).toBe(302);
    expect(await productRow(id)).toMatchObject({ stock: 17 });
    const row = await db
      .selectFrom("audit_log")
      .select(["actor_name", "action", "before", "after", "why", "cooperative_id", "at"])
      .where("entity", "=", "product")
      .where("entity_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_name: "马经理",
      action: "stock_adjust",
      why: "运输破损",
      cooperative_id: coopA,
    });
    expect(JSON.parse(row.before!)).toEqual({ stock: 20 });
    expect(JSON.parse(row.after!)).toEqual({ stock: 17 });
    expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("stores a real picture and serves it with long cache headers", async () => {
    const db = await getDb();
    const id = await createProduct(db, { cooperativeId: coopA });
    const jpeg = await sharp({
      create: { width: 1600, height: 1000, channels: 3, background: "#d9a425" },
    })
      .jpeg()
      .toBuffer();
    const response = await call(
      edit.action,
      upload(
        manager,
        editPath(slugA, id),
        new File([jpeg], "strawberry.jpeg", { type: "image/jpeg" }),
      ),
      { coop: slugA, id: String(id) },
    );
    expect(response.status).toBe(302);
    const { image } = await productRow(id);
    const [, , key, file] = image.split("/");
    expect(image).toMatch(/^\/media\/[a-f0-9]{32}\/800\.webp$/);

    const served = await call(media.loader, new Browser().get(image), { key: key!, file: file! });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([800, 600]);
    const small = await call(media.loader, new Browser().get(`/media/${key}/400.webp`), {
      key: key!,
      file: "400.webp",
    });
    expect(small.status).toBe(200);

    for (const [k, f] of [
      ["0".repeat(32), "800.webp"],
      [key!, "123.webp"],
      ["..", "shanhai.sqlite"],
      [`../${key}`, "800.webp"],
      [key!, "../../session-secret"],
    ]) {
      const missing = await call(media.loader, new Browser().get("/media/x/y"), {
        key: k!,
        file: f!,
      });
      expect(missing.status, `${k}/${f}`).toBe(404);
    }
  });
});
