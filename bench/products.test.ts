import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "#tests/db";
import type { DB } from "#db/connection";
import { seedDemo } from "#db/seed";
import { createRng } from "../scripts/seed-volume";
import { generateProducts, productVariant, VARIANT_BASES, type CheckoutStock } from "./products";

describe("productVariant", () => {
  const random = createRng("test");
  const variants = Array.from({ length: 10_000 }, (_, n) => productVariant(n, random));

  it("gives every product its own slug and prices in whole fen", () => {
    expect(new Set(variants.map((v) => v.slug)).size).toBe(10_000);
    for (const v of variants) {
      expect(Number.isInteger(v.priceFen) && v.priceFen > 0).toBe(true);
      expect(Number.isInteger(v.referencePriceFen) && v.referencePriceFen! >= v.priceFen).toBe(
        true,
      );
      expect(Number.isInteger(v.stock) && v.stock >= 0).toBe(true);
    }
  });

  it("names them in Chinese and English after a demo product, so 牦牛 finds some", () => {
    expect(variants[0]!.nameZh).toMatch(/[\u4e00-\u9fff]/);
    expect(variants[0]!.nameEn).toMatch(/^[\x20-\x7e]+$/);
    const yak = variants.filter((v) => v.nameZh.includes("牦牛"));
    expect(yak.length).toBeGreaterThan(100);
    expect(yak.length).toBeLessThan(5000);
  });

  it("spreads them over every demo product's cooperative, with a few sold out", () => {
    const coops = new Set(VARIANT_BASES.map((b) => b.cooperative));
    expect(new Set(variants.map((v) => v.cooperative))).toEqual(coops);
    const soldOut = variants.filter((v) => v.stock === 0).length;
    expect(soldOut).toBeGreaterThan(200);
    expect(soldOut).toBeLessThan(1000);
  });

  it("is the same catalogue for the same seed", () => {
    const again = createRng("test");
    expect(productVariant(0, again)).toEqual({ ...variants[0], certifications: expect.any(Array) });
  });
});

describe("generateProducts", () => {
  let db: DB;
  let cleanup: () => Promise<void>;
  let checkout: CheckoutStock[];

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb());
    await seedDemo(db);
    ({ checkout } = await generateProducts(db, { count: 300, checkoutRuns: 2, limitedStock: 700 }));
  }, 60_000);
  afterAll(() => cleanup());

  it("writes the products, searchable like any listing", async () => {
    const slugs = await db.selectFrom("products").select("slug").execute();
    expect(slugs.filter((p) => /-v\d+$/.test(p.slug))).toHaveLength(300);
    // the store's own search table, kept by the products triggers
    const { rows: found } = await sql<{
      rowid: number;
    }>`select rowid from product_search where body like '%牦牛%'`.execute(db);
    expect(found.length).toBeGreaterThan(10);
  });

  it("stocks one pair of limited products per checkout run", async () => {
    expect(checkout.map((c) => [c.main.slug, c.main.stock, c.scarce.slug])).toEqual([
      ["bench-checkout-1", 700, "bench-scarce-1"],
      ["bench-checkout-2", 700, "bench-scarce-2"],
    ]);
    const row = await db
      .selectFrom("products")
      .select(["stock", "status"])
      .where("id", "=", checkout[1]!.scarce.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stock: 20, status: "active" });
  });
});
