import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { takeCounterStock } from "./counter-stock.server";
import { parseCount } from "./desk-input";
import { applyCount, counterShelf, recentAdjustments } from "./stock-count.server";

let db: DB;
let cleanup: () => Promise<void>;
let counter: number;
let other: number;
let jerky: number;
let oil: number;
let clerk = { id: 0, name: "店员" };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const { datong } = await createBasicCatalog(db);
  jerky = await createProduct(db, { cooperativeId: datong, stock: 30 });
  oil = await createProduct(db, { cooperativeId: datong, stock: 30 });
  counter = await createCounter(db);
  other = await createCounter(db);
  await stockCounter(db, counter, jerky, 10);
  await stockCounter(db, counter, oil, 4);
  await stockCounter(db, other, jerky, 7);
  clerk = { id: await createUser(db, { role: "counter_staff", counterId: counter }), name: "店员" };
});
afterEach(async () => cleanup());

describe("the shelf and its count", () => {
  it("shows only this counter's shelf", async () => {
    const shelf = await counterShelf(db, counter, "zh-CN");
    expect(shelf.map((s) => [s.productId, s.quantity]).sort()).toEqual(
      [
        [jerky, 10],
        [oil, 4],
      ].sort(),
    );
  });

  it("sets the shelf to what was counted and records differences with reasons", async () => {
    const differences = await applyCount(db, {
      counterId: counter,
      lines: [
        { productId: jerky, shown: 10, counted: 8, reason: "两袋过期下架" },
        { productId: oil, shown: 4, counted: 4, reason: "" },
      ],
      by: clerk,
    });
    expect(differences).toBe(1);
    expect(await counterStockOf(db, counter, jerky)).toBe(8);
    expect(await counterStockOf(db, counter, oil)).toBe(4);
    expect(await counterStockOf(db, other, jerky)).toBe(7);
    const recent = await recentAdjustments(db, counter, "zh-CN");
    expect(recent).toEqual([
      expect.objectContaining({
        kind: "count",
        expected: 10,
        counted: 8,
        difference: -2,
        reason: "两袋过期下架",
        byName: "店员",
      }),
    ]);
    expect(await recentAdjustments(db, other, "zh-CN")).toEqual([]);
  });

  it("refuses the whole count when a sale moved the shelf since the form was shown", async () => {
    await takeCounterStock(
      db,
      counter,
      [{ product_id: jerky, quantity: 1, name: "牦牛肉干" }],
      new Date(),
    );
    const error = await applyCount(db, {
      counterId: counter,
      lines: [
        { productId: oil, shown: 4, counted: 3, reason: "破损" },
        { productId: jerky, shown: 10, counted: 9, reason: "少了一袋" },
      ],
      by: clerk,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("counterDesk.stock.changed");
    expect((error as DomainError).params).toMatchObject({ shown: 10, now: 9 });
    expect(await counterStockOf(db, counter, jerky)).toBe(9);
    expect(await counterStockOf(db, counter, oil)).toBe(4);
    expect(await recentAdjustments(db, counter, "zh-CN")).toEqual([]);
  });

  it("refuses a product not on this counter's shelf (another counter's row)", async () => {
    const fresh = await createProduct(db, { cooperativeId: 1, stock: 1 });
    await stockCounter(db, other, fresh, 5);
    await expect(
      applyCount(db, {
        counterId: counter,
        lines: [{ productId: fresh, shown: 5, counted: 0, reason: "x" }],
        by: clerk,
      }),
    ).rejects.toMatchObject({ code: "counterDesk.stock.notOnShelf" });
    expect(await counterStockOf(db, other, fresh)).toBe(5);
  });

  it("reads the count form: a difference needs a reason, a bad number is named", () => {
    expect(
      parseCount({ [`shown-${jerky}`]: "10", [`counted-${jerky}`]: "10", [`reason-${jerky}`]: "" }),
    ).toEqual({
      ok: true,
      data: { lines: [{ productId: jerky, shown: 10, counted: 10, reason: "" }] },
    });
    expect(
      parseCount({
        [`shown-${jerky}`]: "10",
        [`counted-${jerky}`]: "8",
        [`shown-${oil}`]: "4",
        [`counted-${oil}`]: "-1",
      }),
    ).toMatchObject({
      ok: false,
      errors: {
        [`reason-${jerky}`]: "counterDesk.form.reasonNeeded",
        [`counted-${oil}`]: "counterDesk.form.wholeNumber",
      },
    });
    expect(parseCount({})).toMatchObject({
      ok: false,
      errors: { _form: "counterDesk.stock.nothing" },
    });
  });
});
