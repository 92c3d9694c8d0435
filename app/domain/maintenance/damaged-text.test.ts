import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { listAudit } from "../coop/audit.server";
import { newProductSchema, updateProductSchema } from "../coop/product-input";
import { createProduct, updateProduct } from "../coop/products.server";
import { findDamagedText, repairDamagedText } from "./damaged-text.server";

let db: DB;
let cleanup: () => Promise<void>;
let coop: number;
let actor: { id: number; name: string };

const STORY = "草场自由放牧，肉质紧实。";
// What a browser sent back after a page with NUL bytes in the textarea: each NUL became U+FFFD.
const DAMAGED = "草场自由\uFFFD\uFFFD放牧，肉质紧实。";

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    nameZh: "大通牦牛腱子",
    nameEn: "Datong Yak Shank",
    summaryZh: "高原放养牦牛。",
    summaryEn: "Free-range plateau yak.",
    storyZh: STORY,
    category: "meat",
    unitZh: "1 千克",
    unitEn: "1 kg",
    price: "128.00",
    stock: "40",
    shelfLifeDays: "180",
    "cert.0.kind": "aid",
    "cert.0.number": "XNXFBF-2026-0101",
    "cert.0.issuedBy": "西宁市乡村振兴局",
    "cert.0.expiresOn": "2099-12-31",
    why: "",
    ...overrides,
  };
}

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coop = (await createBasicCatalog(db)).datong;
  const id = await createUser(db, { role: "coop_manager", name: "马经理", cooperativeIds: [coop] });
  actor = { id, name: "马经理" };
});
afterEach(async () => cleanup());

async function story(productId: number) {
  const row = await db
    .selectFrom("products")
    .select(["story_zh", "price_fen"])
    .where("id", "=", productId)
    .executeTakeFirstOrThrow();
  return row;
}

describe("damaged text (U+FFFD written back by pages with NUL bytes)", () => {
  it("finds it, restores a product's text from the audit log, and records the repair", async () => {
    const { id } = await createProduct(db, {
      cooperativeId: coop,
      product: newProductSchema.parse(form()),
      actor,
      now: new Date("2026-11-01T00:00:00Z"),
    });
    // The manager changed only the price; the form sent the damaged story back with it.
    await updateProduct(db, {
      cooperativeId: coop,
      productId: id,
      product: updateProductSchema.parse(form({ price: "120.00", storyZh: DAMAGED })),
      actor,
      now: new Date("2026-11-02T00:00:00Z"),
    });
    // …and a later save damaged it further.
    await updateProduct(db, {
      cooperativeId: coop,
      productId: id,
      product: updateProductSchema.parse(
        form({ price: "120.00", storyZh: `${DAMAGED.slice(0, 3)}\uFFFD${DAMAGED.slice(3)}` }),
      ),
      actor,
      now: new Date("2026-11-03T00:00:00Z"),
    });

    const found = await findDamagedText(db);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ table: "products", id, column: "story_zh", restoreTo: STORY });

    const report = await repairDamagedText(db, new Date("2026-11-04T00:00:00Z"));
    expect(report.restored).toHaveLength(1);
    expect(report.left).toHaveLength(0);
    expect(await story(id)).toEqual({ story_zh: STORY, price_fen: 12000 });
    const [last] = await listAudit(db, coop, id);
    expect(last).toMatchObject({
      action: "text_repair",
      actorName: "system",
      after: { storyZh: STORY },
    });
    expect(await findDamagedText(db)).toEqual([]);
  });

  it("reports damage it cannot restore and leaves it as it is", async () => {
    await db.updateTable("users").set({ name: "王\uFFFD明" }).where("id", "=", actor.id).execute();
    const report = await repairDamagedText(db);
    expect(report.restored).toEqual([]);
    expect(report.left).toMatchObject([{ table: "users", id: actor.id, column: "name" }]);
    const user = await db
      .selectFrom("users")
      .select("name")
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow();
    expect(user.name).toBe("王\uFFFD明");
  });

  it("finds nothing in clean text", async () => {
    await createProduct(db, {
      cooperativeId: coop,
      product: newProductSchema.parse(form()),
      actor,
      now: new Date(),
    });
    expect(await findDamagedText(db)).toEqual([]);
  });
});
