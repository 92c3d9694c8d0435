import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { RELATED_LIMIT, relatedProducts } from "./product-page.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

it("lists other active products in stock from the same county or category, closest first", async () => {
  const self = await createProduct(db, { cooperativeId: coops.datong, category: "meat" });
  const sameCountyOther = await createProduct(db, {
    cooperativeId: coops.datong,
    category: "grain",
  });
  const otherCountySame = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    category: "meat",
  });
  const both = await createProduct(db, { cooperativeId: coops.datong, category: "meat" });
  // not shown: unrelated, sold out, not active
  await createProduct(db, { cooperativeId: coops.huangzhong, category: "grain" });
  await createProduct(db, { cooperativeId: coops.datong, category: "meat", stock: 0 });
  await createProduct(db, { cooperativeId: coops.datong, category: "meat", status: "archived" });
  await createProduct(db, {
    cooperativeId: coops.datong,
    category: "meat",
    status: "pending_review",
  });

  const related = await relatedProducts(
    db,
    { id: self, countyCode: "datong", categoryCode: "meat" },
    "zh-CN",
  );
  expect(related.map((p) => p.id)).toEqual([both, otherCountySame, sameCountyOther]);
});

it("shows at most RELATED_LIMIT, in one query whatever their number", async () => {
  const self = await createProduct(db, { cooperativeId: coops.datong, category: "meat" });
  for (let i = 0; i < RELATED_LIMIT + 3; i++) {
    await createProduct(db, { cooperativeId: coops.datong, category: "meat" });
  }
  const queries: string[] = [];
  const counting = db.withPlugin({
    transformQuery: (args) => {
      queries.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  const related = await relatedProducts(
    counting,
    { id: self, countyCode: "datong", categoryCode: "meat" },
    "en",
  );
  expect(related).toHaveLength(RELATED_LIMIT);
  expect(related.every((p) => p.id !== self)).toBe(true);
  expect(queries).toEqual(["SelectQueryNode"]);
});
