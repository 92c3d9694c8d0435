// Search that forgives (issue 12): pinyin and initials, relevance, suggestions.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { seedDemo } from "#db/seed";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createCooperative, createProduct } from "#tests/factories/catalog";
import { listProducts, PAGE_SIZE } from "./catalog.server";
import { latinQuery, nameSearchKeys } from "./pinyin.server";
import { editDistance, searchSuggestions } from "./suggest.server";

let db: DB;
let cleanup: () => Promise<void>;

const names = async (q: string, more: { category?: string; page?: number } = {}) =>
  (await listProducts(db, { q, ...more }, "zh-CN")).items.map((p) => p.name);

describe("pinyin keys", () => {
  it("reads a name as toneless syllables and initials, other characters left out", () => {
    expect(nameSearchKeys("精选牦牛肉（礼盒装）")).toEqual({
      name_pinyin: "jing xuan mao niu rou li he zhuang",
      name_initials: "jxmnrlhz",
    });
    expect(nameSearchKeys("绿茶 500g")).toEqual({ name_pinyin: "lv cha", name_initials: "lc" });
    expect(nameSearchKeys("Yak")).toEqual({ name_pinyin: "", name_initials: "" });
  });

  it("reads a query as pinyin only when it is written in Latin letters", () => {
    expect(latinQuery(" Mao Niu ")).toBe("maoniu");
    expect(latinQuery("MAO'NIU")).toBe("maoniu");
    expect(latinQuery("牦牛")).toBeNull();
    expect(latinQuery("yak 2")).toBeNull();
  });
});

describe("search on the demo catalogue", () => {
  beforeAll(async () => {
    ({ db, cleanup } = await freshDb());
    await seedDemo(db);
  }, 60_000);
  afterAll(() => cleanup());

  it("finds 牦牛 goods by pinyin, initials, any case and with spaces", async () => {
    const yak = await names("牦牛");
    const named = yak.filter((n) => n.includes("牦牛"));
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const q of ["maoniu", "mn", "MaoNiu", "mao niu", "MAO NIU"]) {
      const found = await names(q);
      expect(found, q).toEqual(expect.arrayContaining(named));
      expect(found.slice(0, named.length), q).toEqual(named);
    }
    expect(await names("caomei")).toContain("高原草莓");
  });

  it("lists 藏羊排 (found through its cooperative's name) after the products named 牦牛", async () => {
    const found = await names("牦牛");
    expect(found.at(-1)).toBe("藏羊排");
    expect(found.slice(0, -1).every((n) => n.includes("牦牛"))).toBe(true);
  });

  it("finds with one or two characters what reading every product's text finds", async () => {
    // short terms are looked up as the trigrams they start; the text ends in two spaces so
    // that a term at its very end (…District) starts one too
    for (const term of ["茶", "牦牛", "mn", "ct", "区", "s", "莓"]) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from products p join product_search s on s.rowid = p.id
        where p.status = 'active' and s.body like ${`%${term}%`}`.execute(db);
      const { total } = await listProducts(db, { q: term }, "zh-CN");
      expect(total, term).toBe(rows[0]!.n);
      expect(total, term).toBeGreaterThan(0);
    }
  });

  it("suggests 草莓 for 草梅 (the same pinyin), and for slips in pinyin or spelling", async () => {
    expect(await names("草梅")).toEqual([]);
    expect(await searchSuggestions(db, "草梅")).toEqual(["草莓"]);
    expect(await searchSuggestions(db, "caomie")).toEqual(["草莓"]);
    expect(await searchSuggestions(db, "maonui")).toEqual(["牦牛"]);
    expect(await searchSuggestions(db, "strawbery")).toContain("strawberries");
  });

  it("offers only searches that find something, and nothing for nonsense", async () => {
    // no 草莓 酱 in the store: the close word alone is offered
    expect(await searchSuggestions(db, "草梅 酱")).toEqual(["草莓"]);
    expect(await searchSuggestions(db, "xyzxyz")).toEqual([]);
    expect(await searchSuggestions(db, "")).toEqual([]);
    for (const s of await searchSuggestions(db, "草梅")) expect(await names(s)).not.toEqual([]);
  });
});

describe("relevance", () => {
  beforeEach(async () => {
    ({ db, cleanup } = await freshDb());
  });
  afterEach(() => cleanup());

  it("ranks exact name, prefix, contains, pinyin, details, then the cooperative's name", async () => {
    const { datong } = await createBasicCatalog(db);
    const yakCoop = await createCooperative(db, { county: "huangzhong", nameZh: "牦牛之家合作社" });
    // created worst first, so the order cannot come from the ids
    const add = (nameZh: string, more: { summaryZh?: string; cooperativeId?: number } = {}) =>
      createProduct(db, { cooperativeId: datong, nameZh, nameEn: "x", ...more });
    await add("青稞面", { cooperativeId: yakCoop });
    await add("风干肉", { summaryZh: "用牦牛后腿肉做成" });
    await add("风干牦牛肉");
    await add("牦牛肉");
    await add("牦牛");
    // the cooperative of createBasicCatalog's datong is 大通牦牛合作社: every product matches
    expect(await names("牦牛")).toEqual(["牦牛", "牦牛肉", "风干牦牛肉", "风干肉", "青稞面"]);
  });

  it("puts a pinyin match above one in the details", async () => {
    const { datong } = await createBasicCatalog(db);
    await createProduct(db, { cooperativeId: datong, nameZh: "青稞米", summaryEn: "maoniu style" });
    await createProduct(db, { cooperativeId: datong, nameZh: "牦牛干" });
    expect(await names("maoniu")).toEqual(["牦牛干", "青稞米"]);
  });

  it("keeps in-stock first within a rank, and pages and filters a search", async () => {
    const { datong } = await createBasicCatalog(db);
    await createProduct(db, { cooperativeId: datong, nameZh: "牦牛肉干甲", stock: 0 });
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      await createProduct(db, { cooperativeId: datong, nameZh: `风干牦牛${i}`, category: "meat" });
    }
    const first = await names("maoniu");
    expect(first).toHaveLength(PAGE_SIZE);
    expect(first[0]).toBe("风干牦牛0");
    const second = await names("maoniu", { page: 2 });
    expect(second).toEqual(["风干牦牛12", "风干牦牛13", "牦牛肉干甲"]);
    const listed = await listProducts(db, { q: "mn", category: "meat" }, "zh-CN");
    expect(listed.total).toBe(PAGE_SIZE + 2);
    expect(listed.pageCount).toBe(2);
  });

  it("stores a product's pinyin when the factory writes it, and finds it by initials", async () => {
    const { datong } = await createBasicCatalog(db);
    const id = await createProduct(db, { cooperativeId: datong, nameZh: "高原草莓" });
    const row = await db
      .selectFrom("products")
      .select(["name_pinyin", "name_initials"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_pinyin: "gao yuan cao mei", name_initials: "gycm" });
    expect(await names("gycm")).toEqual(["高原草莓"]);
  });
});

describe("editDistance", () => {
  it("counts a swap of neighbours as one slip", () => {
    expect(editDistance("caomei", "caomie")).toBe(1);
    expect(editDistance("maoniu", "maonu")).toBe(1);
    expect(editDistance("maoniu", "maoniu")).toBe(0);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
  });
});
