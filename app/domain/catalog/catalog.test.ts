import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { seedDemo } from "#db/seed";
import { freshDb } from "#tests/db";
import { aidCert, createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { getProductPage, listProducts, PAGE_SIZE, productsWhere } from "./catalog.server";
import { aidCertification } from "./eligibility";

let db: DB;
let cleanup: () => Promise<void>;

describe("search on the demo catalogue", () => {
  beforeEach(async () => {
    ({ db, cleanup } = await freshDb());
    await seedDemo(db);
  });
  afterEach(() => cleanup());

  const names = async (q: string, locale: "zh-CN" | "en" = "zh-CN") =>
    (await listProducts(db, { q }, locale)).items.map((p) => p.name);

  it("finds both yak products for 牦牛, named ones first", async () => {
    const found = await names("牦牛");
    expect(found).toEqual(expect.arrayContaining(["大通牦牛腱子", "风干牦牛肉干"]));
    expect(found.slice(0, 2).every((n) => n.includes("牦牛"))).toBe(true);
  });

  it("finds strawberries for 草莓", async () => {
    expect(await names("草莓")).toContain("高原草莓");
  });

  it("matches English names, in any case", async () => {
    const found = await names("YAK", "en");
    expect(found.filter((n) => /yak/i.test(n)).length).toBeGreaterThanOrEqual(2);
    expect(found.slice(0, 2).every((n) => /yak/i.test(n))).toBe(true);
    expect((await names("strawberr", "en")).some((n) => /strawberr/i.test(n))).toBe(true);
  });

  it("combines words and finds nothing for nonsense, without an error", async () => {
    expect(await names("牦牛 腱子")).toEqual(["大通牦牛腱子"]);
    expect(await names("不存在的东西")).toEqual([]);
    expect(await names('"%_\\')).toEqual([]);
  });

  it("reads control characters in a search as spaces (a NUL broke FTS5 with a 500)", async () => {
    expect(await names("牦牛\u0000腱子")).toEqual(["大通牦牛腱子"]);
    expect(await names("yak\u0000\u001bshank", "en")).toEqual(await names("yak shank", "en"));
    expect(await names("\u0000\u0000\u0000")).toEqual(await names(""));
  });
});

let ids: { datong: number; huangzhong: number };

/** A fresh database with the basic catalogue, before each test of the calling describe. */
function withBasicCatalog() {
  beforeEach(async () => {
    ({ db, cleanup } = await freshDb());
    ids = await createBasicCatalog(db);
  });
  afterEach(() => cleanup());
}

describe("filters", () => {
  withBasicCatalog();

  it("filters by county, category, certification and stock", async () => {
    await createProduct(db, {
      cooperativeId: ids.datong,
      nameZh: "牦牛肉",
      category: "meat",
      stock: 0,
    });
    await createProduct(db, {
      cooperativeId: ids.huangzhong,
      nameZh: "鲜牛奶",
      category: "dairy",
      certifications: [
        aidCert(),
        { kind: "green_food", number: "LB-1", issuedBy: "x", expiresOn: "2099-01-01" },
      ],
    });
    await createProduct(db, {
      cooperativeId: ids.huangzhong,
      nameZh: "老酸奶",
      category: "dairy",
      certifications: [],
    });
    const q = async (f: Parameters<typeof listProducts>[1]) =>
      (await listProducts(db, f, "zh-CN")).items.map((p) => p.name).sort();
    expect(await q({ county: "datong" })).toEqual(["牦牛肉"]);
    expect(await q({ category: "dairy" })).toEqual(["老酸奶", "鲜牛奶"]);
    expect(await q({ cert: "green_food" })).toEqual(["鲜牛奶"]);
    expect(await q({ cert: "aid" })).toEqual(["牦牛肉", "鲜牛奶"]);
    expect(await q({ inStock: true })).toEqual(["老酸奶", "鲜牛奶"]);
  });

  it("never lists products that are not active", async () => {
    await createProduct(db, {
      cooperativeId: ids.datong,
      nameZh: "待审核",
      status: "pending_review",
    });
    await createProduct(db, { cooperativeId: ids.datong, nameZh: "已下架", status: "archived" });
    await createProduct(db, { cooperativeId: ids.datong, nameZh: "在售" });
    expect((await listProducts(db, {}, "zh-CN")).items.map((p) => p.name)).toEqual(["在售"]);
    await expect(getProductPage(db, "nope", "zh-CN")).rejects.toMatchObject({ status: 404 });
  });
});

describe("sorting and pages", () => {
  withBasicCatalog();

  it("sorts by price and by newest", async () => {
    await createProduct(db, {
      cooperativeId: ids.datong,
      nameZh: "中",
      priceFen: 2000,
      createdAt: "2026-01-02T00:00:00.000Z",
    });
    await createProduct(db, {
      cooperativeId: ids.datong,
      nameZh: "贵",
      priceFen: 9000,
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    await createProduct(db, {
      cooperativeId: ids.datong,
      nameZh: "便宜",
      priceFen: 500,
      createdAt: "2026-01-03T00:00:00.000Z",
    });
    const order = async (sort: "price_asc" | "price_desc" | "newest") =>
      (await listProducts(db, { sort }, "zh-CN")).items.map((p) => p.name);
    expect(await order("price_asc")).toEqual(["便宜", "中", "贵"]);
    expect(await order("price_desc")).toEqual(["贵", "中", "便宜"]);
    expect(await order("newest")).toEqual(["便宜", "中", "贵"]);
  });

  it("pages through the catalogue and clamps a page past the end", async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) await createProduct(db, { cooperativeId: ids.datong });
    const first = await listProducts(db, { page: 1 }, "zh-CN");
    const second = await listProducts(db, { page: 2 }, "zh-CN");
    expect(first).toMatchObject({ total: PAGE_SIZE + 3, pageCount: 2, page: 1 });
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(second.items).toHaveLength(3);
    expect(new Set([...first.items, ...second.items].map((p) => p.id)).size).toBe(PAGE_SIZE + 3);
    expect((await listProducts(db, { page: 99 }, "zh-CN")).page).toBe(2);
  });

  it("pages a county's products too, in shelf order: in stock first, then featured", async () => {
    for (let i = 0; i < PAGE_SIZE + 1; i++) await createProduct(db, { cooperativeId: ids.datong });
    const soldOut = await createProduct(db, { cooperativeId: ids.datong, stock: 0 });
    const featured = await createProduct(db, { cooperativeId: ids.datong, featured: true });
    const where = (page: number) => productsWhere(db, "zh-CN", { countyCode: "datong", page });
    const [first, second] = [await where(1), await where(2)];
    expect(first).toMatchObject({ total: PAGE_SIZE + 3, pageCount: 2, page: 1 });
    expect(first.items[0]!.id).toBe(featured);
    expect(second.items.map((p) => p.id).at(-1)).toBe(soldOut);
    expect(new Set([...first.items, ...second.items].map((p) => p.id)).size).toBe(PAGE_SIZE + 3);
  });
});

describe("aid eligibility on the shelf", () => {
  withBasicCatalog();

  it("marks a product as aid only while its aid certificate is valid", async () => {
    const now = new Date("2026-11-28T04:00:00Z");
    await createProduct(db, {
      cooperativeId: ids.datong,
      slug: "valid",
      certifications: [aidCert({ expiresOn: "2026-11-28" })],
    });
    await createProduct(db, {
      cooperativeId: ids.datong,
      slug: "expired",
      certifications: [aidCert({ expiresOn: "2026-11-27" })],
    });
    await createProduct(db, { cooperativeId: ids.datong, slug: "none", certifications: [] });
    const cards = (await productsWhere(db, "zh-CN", { countyCode: "datong" }, now)).items;
    const eligible = Object.fromEntries(cards.map((c) => [c.slug, c.aidEligible]));
    expect(eligible).toEqual({ valid: true, expired: false, none: false });
    const page = await getProductPage(db, "expired", "en", now);
    expect(page.certifications[0]).toMatchObject({ kind: "aid", expired: true });
  });

  it("keeps a certified-only counter to products whose certificates are valid", async () => {
    const green = {
      kind: "organic" as const,
      number: "ORG-1",
      issuedBy: "x",
      expiresOn: "2099-01-01",
    };
    await createProduct(db, {
      cooperativeId: ids.datong,
      slug: "both",
      certifications: [aidCert(), green],
    });
    await createProduct(db, {
      cooperativeId: ids.datong,
      slug: "aid-only",
      certifications: [aidCert()],
    });
    await createProduct(db, {
      cooperativeId: ids.datong,
      slug: "aid-expired",
      certifications: [aidCert({ expiresOn: "2001-01-01" }), green],
    });
    const cards = (await productsWhere(db, "zh-CN", { certifiedOnly: true })).items;
    expect(cards.map((c) => c.slug)).toEqual(["both"]);
  });
});

describe("aidCertification", () => {
  it("picks the longest-valid aid certificate and ignores other kinds", () => {
    const certs = [
      { kind: "green_food", number: "G", expires_on: "2099-01-01" },
      { kind: "aid", number: "A1", expires_on: "2027-01-01" },
      { kind: "aid", number: "A2", expires_on: "2028-01-01" },
    ];
    expect(aidCertification(certs, "2026-11-28")?.number).toBe("A2");
    expect(aidCertification(certs, "2028-01-02")).toBeNull();
  });
});
