import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter, stockCounter } from "#tests/factories/counters";
import { countersWithShelves } from "./counter-shelves.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const catalogueVersion = async () =>
  (
    await db
      .selectFrom("page_versions")
      .select("version")
      .where("scope", "=", "catalogue")
      .executeTakeFirstOrThrow()
  ).version;

describe("the counters as /counters lists them", () => {
  it("lists every counter by its sort, each with only what it has now", async () => {
    const yak = await createProduct(db, {
      cooperativeId: coops.datong,
      slug: "shelf-yak",
      nameZh: "牦牛肉干",
      nameEn: "Yak jerky",
      priceFen: 6800,
    });
    const milk = await createProduct(db, { cooperativeId: coops.huangzhong, slug: "shelf-milk" });
    const draft = await createProduct(db, {
      cooperativeId: coops.datong,
      slug: "shelf-draft",
      status: "draft",
    });
    const hall = await createCounter(db, { slug: "hall", nameZh: "体验馆", sort: 2 });
    const counter = await createCounter(db, {
      slug: "counter",
      nameZh: "专柜",
      nameEn: "The counter",
      districtEn: "Qinhuai District",
      sort: 1,
    });
    await stockCounter(db, counter, yak, 40);
    await stockCounter(db, counter, milk, 0); // ran out: not shown
    await stockCounter(db, counter, draft, 9); // not listed in the store: not shown
    await stockCounter(db, hall, milk, 3);

    const zh = await countersWithShelves(db, "zh-CN");
    expect(zh.map((c) => c.slug)).toEqual(["counter", "hall"]);
    expect(zh[0]!.name).toBe("专柜");
    expect(zh[0]!.shelf).toEqual([
      {
        slug: "shelf-yak",
        name: "牦牛肉干",
        unit: expect.any(String),
        priceFen: 6800,
        fewLeft: null,
      },
    ]);
    expect(zh[1]!.shelf.map((s) => [s.slug, s.fewLeft])).toEqual([["shelf-milk", 3]]);

    const en = await countersWithShelves(db, "en");
    expect(en[0]).toMatchObject({ name: "The counter", district: "Qinhuai District" });
    expect(en[0]!.shelf[0]!.name).toBe("Yak jerky");
  });

  it("a counter with an empty shelf is still listed, with nothing on it", async () => {
    await createCounter(db, { slug: "empty" });
    expect(await countersWithShelves(db, "zh-CN")).toMatchObject([{ slug: "empty", shelf: [] }]);
  });

  it("changes the cached pages' version when what they show of a shelf changes, not on every sale", async () => {
    const yak = await createProduct(db, { cooperativeId: coops.datong });
    const counter = await createCounter(db);
    await stockCounter(db, counter, yak, 40);
    const setQuantity = (quantity: number) =>
      db
        .updateTable("counter_stock")
        .set({ quantity })
        .where("counter_id", "=", counter)
        .where("product_id", "=", yak)
        .execute();
    let before = await catalogueVersion();
    await setQuantity(39); // "in stock" either way
    expect(await catalogueVersion()).toBe(before);
    await setQuantity(5); // now "only 5 left"
    expect(await catalogueVersion()).toBeGreaterThan(before);
    before = await catalogueVersion();
    await setQuantity(4); // "only 4 left"
    expect(await catalogueVersion()).toBeGreaterThan(before);
    before = await catalogueVersion();
    await setQuantity(0); // gone from the shelf
    expect(await catalogueVersion()).toBeGreaterThan(before);
  });
});
