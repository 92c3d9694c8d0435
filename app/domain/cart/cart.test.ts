import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import {
  addToCart,
  cartCount,
  getCartLines,
  newCartId,
  removeFromCart,
  setCartQuantity,
} from "./cart.server";

let db: DB;
let cleanup: () => Promise<void>;
let coop: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coop = (await createBasicCatalog(db)).datong;
});
afterEach(() => cleanup());

describe("cart", () => {
  it("adds, accumulates and counts", async () => {
    const cart = newCartId();
    const a = await createProduct(db, { cooperativeId: coop, priceFen: 1234 });
    const b = await createProduct(db, { cooperativeId: coop, priceFen: 500 });
    await addToCart(db, cart, a, 2);
    await addToCart(db, cart, a, 1);
    await addToCart(db, cart, b, 4);
    expect(await cartCount(db, cart)).toBe(7);
    const lines = await getCartLines(db, cart, "zh-CN");
    expect(lines.map((l) => [l.quantity, l.lineTotalFen])).toEqual([
      [3, 3702],
      [4, 2000],
    ]);
  });

  it("trims an add to what is in stock and to 99", async () => {
    const cart = newCartId();
    const few = await createProduct(db, { cooperativeId: coop, stock: 3 });
    const many = await createProduct(db, { cooperativeId: coop, stock: 500 });
    expect(await addToCart(db, cart, few, 2)).toEqual({ quantity: 2, trimmed: false });
    expect(await addToCart(db, cart, few, 5)).toEqual({ quantity: 3, trimmed: true });
    await addToCart(db, cart, many, 90);
    expect(await addToCart(db, cart, many, 20)).toEqual({ quantity: 99, trimmed: true });
  });

  it("refuses sold-out, unlisted and out-of-range requests with a reason", async () => {
    const cart = newCartId();
    const out = await createProduct(db, { cooperativeId: coop, stock: 0 });
    const hidden = await createProduct(db, { cooperativeId: coop, status: "pending_review" });
    const ok = await createProduct(db, { cooperativeId: coop, stock: 5 });
    await expect(addToCart(db, cart, out, 1)).rejects.toMatchObject({ code: "cart.soldOut" });
    await expect(addToCart(db, cart, hidden, 1)).rejects.toMatchObject({
      code: "cart.unavailable",
    });
    await expect(addToCart(db, cart, 999999, 1)).rejects.toMatchObject({
      code: "cart.unavailable",
    });
    await expect(addToCart(db, cart, ok, 0)).rejects.toMatchObject({ code: "cart.quantityRange" });
    await expect(addToCart(db, cart, ok, 1.5)).rejects.toMatchObject({
      code: "cart.quantityRange",
    });
    await expect(addToCart(db, cart, ok, 100)).rejects.toMatchObject({
      code: "cart.quantityRange",
    });
    expect(await cartCount(db, cart)).toBe(0);
  });
});

describe("cart lines", () => {
  it("changes a quantity only within stock and removes lines", async () => {
    const cart = newCartId();
    const p = await createProduct(db, { cooperativeId: coop, stock: 4 });
    await addToCart(db, cart, p, 1);
    await setCartQuantity(db, cart, p, 4);
    await expect(setCartQuantity(db, cart, p, 5)).rejects.toMatchObject({
      code: "cart.notEnoughStock",
      params: { stock: 4 },
    });
    expect(await cartCount(db, cart)).toBe(4);
    await removeFromCart(db, cart, p);
    expect(await getCartLines(db, cart, "zh-CN")).toEqual([]);
  });

  it("always shows today's price and flags lines that can no longer be bought", async () => {
    const cart = newCartId();
    const p = await createProduct(db, { cooperativeId: coop, priceFen: 1000, stock: 10 });
    await addToCart(db, cart, p, 5);
    await db
      .updateTable("products")
      .set({ price_fen: 1200, stock: 2 })
      .where("id", "=", p)
      .execute();
    const [line] = await getCartLines(db, cart, "zh-CN");
    expect(line).toMatchObject({
      unitPriceFen: 1200,
      lineTotalFen: 6000,
      problem: "not_enough_stock",
    });
    await db.updateTable("products").set({ stock: 0 }).where("id", "=", p).execute();
    expect((await getCartLines(db, cart, "zh-CN"))[0]?.problem).toBe("sold_out");
    await db
      .updateTable("products")
      .set({ status: "archived", stock: 9 })
      .where("id", "=", p)
      .execute();
    expect((await getCartLines(db, cart, "zh-CN"))[0]?.problem).toBe("unavailable");
  });

  it("keeps carts apart", async () => {
    const p = await createProduct(db, { cooperativeId: coop });
    const mine = newCartId();
    const theirs = newCartId();
    await addToCart(db, mine, p, 2);
    expect(await cartCount(db, theirs)).toBe(0);
    await removeFromCart(db, theirs, p);
    expect(await cartCount(db, mine)).toBe(2);
  });
});
