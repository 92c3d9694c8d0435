import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { isFavourite, listFavourites, setFavourite } from "./favourites.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

it("saves, lists the newest first, and removes; twice changes nothing", async () => {
  const shopper = await createUser(db, {});
  const other = await createUser(db, {});
  const yak = await createProduct(db, { cooperativeId: coops.datong });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong });
  await setFavourite(db, {
    userId: shopper,
    productId: yak,
    favourite: true,
    now: new Date("2026-11-01T00:00:00Z"),
  });
  await setFavourite(db, {
    userId: shopper,
    productId: milk,
    favourite: true,
    now: new Date("2026-11-02T00:00:00Z"),
  });
  await setFavourite(db, { userId: shopper, productId: yak, favourite: true });
  await setFavourite(db, { userId: other, productId: milk, favourite: true });

  expect((await listFavourites(db, shopper, "zh-CN")).map((p) => p.id)).toEqual([milk, yak]);
  expect(await isFavourite(db, shopper, yak)).toBe(true);
  expect(await isFavourite(db, other, yak)).toBe(false);

  await setFavourite(db, { userId: shopper, productId: yak, favourite: false });
  await setFavourite(db, { userId: shopper, productId: yak, favourite: false });
  expect((await listFavourites(db, shopper, "en")).map((p) => p.id)).toEqual([milk]);
  expect((await listFavourites(db, other, "en")).map((p) => p.id)).toEqual([milk]);
});

it("refuses a product that is not on sale, and leaves archived ones out of the list", async () => {
  const shopper = await createUser(db, {});
  const pending = await createProduct(db, {
    cooperativeId: coops.datong,
    status: "pending_review",
  });
  const error = await setFavourite(db, {
    userId: shopper,
    productId: pending,
    favourite: true,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const yak = await createProduct(db, { cooperativeId: coops.datong });
  await setFavourite(db, { userId: shopper, productId: yak, favourite: true });
  await db.updateTable("products").set({ status: "archived" }).where("id", "=", yak).execute();
  expect(await listFavourites(db, shopper, "zh-CN")).toEqual([]);
});
