import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { getProductPage } from "~/domain/catalog/catalog.server";
import { createBasicCatalog, createProduct } from "../../tests/factories/catalog";
import { freshDb } from "../../tests/db";
import { MAX_KEPT_READS, sharedRead } from "./shared-reads.server";

let db: DB;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

/** A read that counts how often it really ran. */
function counted<T>(read: () => Promise<T>) {
  const run = async () => {
    run.calls++;
    return read();
  };
  run.calls = 0;
  return run;
}

async function productId() {
  const { datong } = await createBasicCatalog(db);
  const id = await createProduct(db, { cooperativeId: datong, category: "meat", stock: 40 });
  const { slug } = await db
    .selectFrom("products")
    .select("slug")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { id, slug };
}

describe("sharedRead", () => {
  it("runs a read once while the catalogue is unchanged, again right after a price change", async () => {
    const { id, slug } = await productId();
    const read = counted(() => getProductPage(db, slug, "zh-CN"));

    const first = await sharedRead(db, ["catalogue"], slug, read);
    const second = await sharedRead(db, ["catalogue"], slug, read);
    expect(read.calls).toBe(1);
    expect(second).toBe(first);

    await db.updateTable("products").set({ price_fen: 4_321 }).where("id", "=", id).execute();
    const third = await sharedRead(db, ["catalogue"], slug, read);
    expect(read.calls).toBe(2);
    expect(third.priceFen).toBe(4_321);
  });

  it("keeps a catalogue read through a sale that leaves plenty, drops it when the stock shown changes", async () => {
    const { id, slug } = await productId();
    const read = counted(() => getProductPage(db, slug, "zh-CN"));
    await sharedRead(db, ["catalogue"], slug, read);

    await db.updateTable("products").set({ stock: 39 }).where("id", "=", id).execute();
    await sharedRead(db, ["catalogue"], slug, read);
    expect(read.calls).toBe(1);

    await db.updateTable("products").set({ stock: 3 }).where("id", "=", id).execute();
    const low = await sharedRead(db, ["catalogue"], slug, read);
    expect(read.calls).toBe(2);
    expect(low.stock).toBe(3);
  });

  it("watches only the scopes it is given", async () => {
    const read = counted(async () => "figures");
    await sharedRead(db, ["aid"], "aid", read);
    await db
      .updateTable("page_versions")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("scope", "=", "catalogue")
      .execute();
    await sharedRead(db, ["aid"], "aid", read);
    expect(read.calls).toBe(1);
    await db
      .updateTable("page_versions")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("scope", "=", "aid")
      .execute();
    await sharedRead(db, ["aid"], "aid", read);
    expect(read.calls).toBe(2);
  });

  it("keeps nothing from a read that fails", async () => {
    let fail = true;
    const read = counted(async () => {
      if (fail) throw new Error("not found");
      return "found";
    });
    await expect(sharedRead(db, ["catalogue"], "k", read)).rejects.toThrow("not found");
    fail = false;
    await expect(sharedRead(db, ["catalogue"], "k", read)).resolves.toBe("found");
    expect(read.calls).toBe(2);
  });

  it("forgets the least recently used read beyond its bound", async () => {
    const first = counted(async () => "first");
    await sharedRead(db, ["catalogue"], "key 0", first);
    for (let i = 1; i <= MAX_KEPT_READS; i++) {
      await sharedRead(db, ["catalogue"], `key ${i}`, async () => i);
    }
    await sharedRead(db, ["catalogue"], "key 0", first);
    expect(first.calls).toBe(2);
  });
});
