import { fenToYuan, yuanToFen } from "~/utils/money";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import {
  aidCert,
  createBasicCatalog,
  createProduct as seedProduct,
} from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { listAudit } from "./audit.server";
import { newProductSchema, stockAdjustSchema, updateProductSchema } from "./product-input";
import {
  adjustStock,
  archiveProduct,
  createProduct,
  slugify,
  updateProduct,
} from "./products.server";
import { getCoopProduct, listCoopProducts } from "./product-queries.server";

let db: DB;
let cleanup: () => Promise<void>;
let coopA: number;
let coopB: number;
let actor: { id: number; name: string };

const NOW = new Date("2026-11-28T04:00:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  coopA = coops.datong;
  coopB = coops.huangzhong;
  const id = await createUser(db, {
    role: "coop_manager",
    name: "马经理",
    cooperativeIds: [coopA],
  });
  actor = { id, name: "马经理" };
});
afterEach(async () => cleanup());

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    nameZh: "大通牦牛腱子",
    nameEn: "Datong Yak Shank",
    summaryZh: "高原放养牦牛，肉质紧实。",
    summaryEn: "Free-range plateau yak.",
    category: "meat",
    unitZh: "1 千克",
    unitEn: "1 kg",
    price: "128.00",
    stock: "40",
    shelfLifeDays: "180",
    coldChain: "on",
    "cert.0.kind": "aid",
    "cert.0.number": "XNXFBF-2026-0101",
    "cert.0.issuedBy": "西宁市乡村振兴局",
    "cert.0.expiresOn": "2027-12-31",
    ...overrides,
  };
}

const newInput = (o: Record<string, string> = {}) => newProductSchema.parse(form(o));
const editInput = (o: Record<string, string> = {}) =>
  updateProductSchema.parse({ why: "", ...form(o) });

async function reviewsOf(productId: number) {
  return db
    .selectFrom("product_reviews")
    .select(["reason", "status", "proposal"])
    .where("product_id", "=", productId)
    .orderBy("id")
    .execute();
}

async function productRow(id: number) {
  return db
    .selectFrom("products")
    .select(["status", "price_fen", "stock", "category_code"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("product form input", () => {
  it("turns yuan into integer fen and back without floating point", () => {
    expect(yuanToFen("128.00")).toBe(12800);
    expect(yuanToFen("0.1")).toBe(10);
    expect(yuanToFen("¥19.99")).toBe(1999);
    expect(yuanToFen("1,280")).toBe(128000);
    expect(yuanToFen("12.345")).toBeNull();
    expect(yuanToFen("abc")).toBeNull();
    expect(fenToYuan(12805)).toBe("128.05");
  });

  it("names each bad field with a portal message", () => {
    const r = newProductSchema.safeParse(
      form({ price: "-3", stock: "2.5", nameZh: "", "cert.0.expiresOn": "2027-02-30" }),
    );
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toMatchObject({
      price: "portal.errors.priceNegative",
      stock: "portal.errors.stockInteger",
      nameZh: "portal.errors.nameZh",
      "cert.0.expiresOn": "portal.errors.certExpiresOn",
    });
    expect(newProductSchema.safeParse(form({ price: "12.345" })).error?.issues[0]?.message).toBe(
      "portal.errors.priceDecimals",
    );
    expect(newProductSchema.safeParse(form({ price: "0" })).error?.issues[0]?.message).toBe(
      "portal.errors.priceRange",
    );
    expect(newProductSchema.safeParse(form({ stock: "-1" })).error?.issues[0]?.message).toBe(
      "portal.errors.stockNegative",
    );
    expect(
      newProductSchema.safeParse(form({ shelfLifeDays: "3651" })).error?.issues[0]?.message,
    ).toBe("portal.errors.shelfLife");
  });

  it("reads certificate rows, skipping blank ones", () => {
    const input = newInput({
      "cert.2.kind": "green_food",
      "cert.2.number": "LB-45-2301",
      "cert.2.expiresOn": "2028-06-30",
    });
    expect(input.certifications.map((c) => [c.row, c.kind])).toEqual([
      [0, "aid"],
      [2, "green_food"],
    ]);
    expect(input.coldChain).toBe(true);
    expect(newInput({ coldChain: "" }).coldChain).toBe(false);
  });

  it("reads a stock adjustment as a change or as a counted level", () => {
    expect(stockAdjustSchema.parse({ mode: "add", amount: "-3", why: "破损" })).toEqual({
      delta: -3,
      why: "破损",
    });
    expect(stockAdjustSchema.parse({ mode: "set", amount: "12", why: "盘点" })).toEqual({
      newStock: 12,
      why: "盘点",
    });
    expect(stockAdjustSchema.safeParse({ mode: "set", amount: "-1", why: "盘点" }).success).toBe(
      false,
    );
    expect(stockAdjustSchema.safeParse({ mode: "add", amount: "1.5", why: "盘点" }).success).toBe(
      false,
    );
    expect(stockAdjustSchema.safeParse({ mode: "add", amount: "3", why: "" }).success).toBe(false);
  });
});

describe("creating products", () => {
  it("puts a new product up for review, out of the store, with a unique slug", async () => {
    const first = await createProduct(db, {
      cooperativeId: coopA,
      product: newInput(),
      actor,
      now: NOW,
    });
    const second = await createProduct(db, {
      cooperativeId: coopA,
      product: newInput(),
      actor,
      now: NOW,
    });
    expect(first.slug).toBe("datong-yak-shank");
    expect(second.slug).toBe("datong-yak-shank-2");
    expect(await productRow(first.id)).toMatchObject({
      status: "pending_review",
      price_fen: 12800,
    });
    expect(await reviewsOf(first.id)).toEqual([
      expect.objectContaining({ reason: "new", status: "pending" }),
    ]);
    const audit = await listAudit(db, coopA, first.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", actorName: "马经理" });
    expect(slugify("牦牛")).toBe("product");
    expect(slugify("Crème Brûlée (250 g)")).toBe("creme-brulee-250-g");
  });

  it("refuses an expired aid certification beside its field and stores nothing", async () => {
    const error = await refusal(
      createProduct(db, {
        cooperativeId: coopA,
        product: newInput({ "cert.0.expiresOn": "2026-11-27" }),
        actor,
        now: NOW,
      }),
    );
    expect(error.code).toBe("portal.errors.aidCertExpired");
    expect(error.field).toBe("cert.0.expiresOn");
    expect(await listCoopProducts(db, coopA)).toEqual([]);
    // the Shanghai calendar day counts: expiring today is still valid
    await createProduct(db, {
      cooperativeId: coopA,
      product: newInput({ "cert.0.expiresOn": "2026-11-28" }),
      actor,
      now: NOW,
    });
  });

  it("refuses a category that does not exist", async () => {
    const error = await refusal(
      createProduct(db, {
        cooperativeId: coopA,
        product: newInput({ category: "unicorns" }),
        actor,
        now: NOW,
      }),
    );
    expect(error).toMatchObject({ code: "portal.errors.category", field: "category" });
  });
});

describe("one cooperative never touches another's products", () => {
  it("answers 403 for another cooperative's product and for one that does not exist", async () => {
    const theirs = await seedProduct(db, { cooperativeId: coopB, priceFen: 5000 });
    for (const id of [theirs, 999_999, -1, Number.NaN]) {
      const error = await refusal(getCoopProduct(db, coopA, id));
      expect(error).toMatchObject({ code: "portal.errors.forbidden", status: 403 });
    }
    await refusal(
      updateProduct(db, {
        cooperativeId: coopA,
        productId: theirs,
        product: editInput({ price: "10.00", why: "x" }),
        actor,
      }),
    );
    await refusal(
      adjustStock(db, { cooperativeId: coopA, productId: theirs, delta: -5, why: "x", actor }),
    );
    await refusal(archiveProduct(db, { cooperativeId: coopA, productId: theirs, actor }));
    expect(await productRow(theirs)).toMatchObject({
      status: "active",
      price_fen: 5000,
      stock: 100,
    });
    expect(await listCoopProducts(db, coopA)).toEqual([]);
    expect(await listAudit(db, coopA, theirs)).toEqual([]);
  });
});

describe("editing an active product", () => {
  let id: number;
  beforeEach(async () => {
    id = await seedProduct(db, {
      cooperativeId: coopA,
      category: "meat",
      priceFen: 10000,
      stock: 20,
      certifications: [
        aidCert({
          number: "XNXFBF-2026-0101",
          issuedBy: "西宁市乡村振兴局",
          expiresOn: "2027-12-31",
        }),
      ],
    });
  });

  it("keeps a raise of more than 30% waiting at the old price", async () => {
    const { outcome } = await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "140.00", why: "饲料涨价" }),
      actor,
      now: NOW,
    });
    expect(outcome).toBe("priceReview");
    expect(await productRow(id)).toMatchObject({ status: "active", price_fen: 10000 });
    const reviews = await reviewsOf(id);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ reason: "price_raise", status: "pending" });
    expect(JSON.parse(reviews[0]!.proposal)).toMatchObject({ priceFen: 14000 });
    const audit = await listAudit(db, coopA, id);
    expect(audit[0]).toMatchObject({
      action: "price_raise_requested",
      before: { priceFen: 10000 },
      after: { priceFen: 14000 },
      why: "饲料涨价",
    });
  });

  it("applies a raise of exactly 30% and a cut at once, each with its reason on record", async () => {
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "130.00", why: "成本上涨" }),
      actor,
      now: NOW,
    });
    expect(await productRow(id)).toMatchObject({ status: "active", price_fen: 13000 });
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "99.90", why: "促销" }),
      actor,
      now: NOW,
    });
    expect(await productRow(id)).toMatchObject({ status: "active", price_fen: 9990 });
    expect(await reviewsOf(id)).toEqual([]);
    const audit = await listAudit(db, coopA, id);
    const prices = audit.filter((a) => a.action === "price_change");
    expect(prices.map((a) => [a.action, a.before, a.after, a.why])).toEqual([
      ["price_change", { priceFen: 13000 }, { priceFen: 9990 }, "促销"],
      ["price_change", { priceFen: 10000 }, { priceFen: 13000 }, "成本上涨"],
    ]);
  });

  it("asks why the price of a product on sale changes", async () => {
    const error = await refusal(
      updateProduct(db, {
        cooperativeId: coopA,
        productId: id,
        product: editInput({ price: "110.00" }),
        actor,
      }),
    );
    expect(error).toMatchObject({ code: "portal.errors.whyPrice", field: "why" });
    expect(await productRow(id)).toMatchObject({ price_fen: 10000 });
  });

  it("withdraws a waiting raise when the manager settles on a smaller price", async () => {
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "200.00", why: "涨价" }),
      actor,
    });
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "110.00", why: "改为小幅涨价" }),
      actor,
    });
    expect(await productRow(id)).toMatchObject({ price_fen: 11000, status: "active" });
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(["withdrawn"]);
  });

  it("leaves a waiting raise alone when other fields are edited at the old price", async () => {
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "200.00", why: "涨价" }),
      actor,
    });
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "100.00", summaryZh: "新的简介" }),
      actor,
    });
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(["pending"]);
  });

  it("takes the product off sale for review when its category or certificates change", async () => {
    const { outcome } = await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "100.00", category: "grain" }),
      actor,
      now: NOW,
    });
    expect(outcome).toBe("submitted");
    expect(await productRow(id)).toMatchObject({
      status: "pending_review",
      category_code: "grain",
    });
    expect((await reviewsOf(id))[0]).toMatchObject({ reason: "changed", status: "pending" });

    const other = await seedProduct(db, {
      cooperativeId: coopA,
      priceFen: 10000,
      certifications: [
        aidCert({
          number: "XNXFBF-2026-0101",
          issuedBy: "西宁市乡村振兴局",
          expiresOn: "2027-12-31",
        }),
      ],
    });
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: other,
      product: editInput({
        price: "100.00",
        category: "grain",
        "cert.0.number": "XNXFBF-2026-0999",
      }),
      actor,
      now: NOW,
    });
    expect(await productRow(other)).toMatchObject({ status: "pending_review" });
    expect(JSON.parse((await reviewsOf(other))[0]!.proposal)).toEqual({
      changed: ["certifications"],
    });
    const certs = await getCoopProduct(db, coopA, other);
    expect(certs.certifications.map((c) => c.number)).toEqual(["XNXFBF-2026-0999"]);
  });

  it("stays on sale when only words change", async () => {
    const { outcome } = await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "100.00", nameZh: "牦牛腱子肉" }),
      actor,
    });
    expect(outcome).toBe("saved");
    expect(await productRow(id)).toMatchObject({ status: "active" });
    expect(await reviewsOf(id)).toEqual([]);
    expect((await listAudit(db, coopA, id))[0]).toMatchObject({
      action: "update",
      after: { nameZh: "牦牛腱子肉" },
    });
  });

  it("refuses a newly typed expired certificate but keeps an old one left as it was", async () => {
    const error = await refusal(
      updateProduct(db, {
        cooperativeId: coopA,
        productId: id,
        product: editInput({
          price: "100.00",
          "cert.1.kind": "green_food",
          "cert.1.number": "LB-1",
          "cert.1.expiresOn": "2025-01-01",
        }),
        actor,
        now: NOW,
      }),
    );
    expect(error).toMatchObject({ code: "portal.errors.certExpired", field: "cert.1.expiresOn" });
    expect(await productRow(id)).toMatchObject({ status: "active" });

    const lapsed = await seedProduct(db, {
      cooperativeId: coopA,
      category: "meat",
      priceFen: 10000,
      certifications: [aidCert({ number: "OLD-1", issuedBy: "某局", expiresOn: "2025-01-01" })],
    });
    const { outcome } = await updateProduct(db, {
      cooperativeId: coopA,
      productId: lapsed,
      product: editInput({
        price: "100.00",
        "cert.0.number": "OLD-1",
        "cert.0.issuedBy": "某局",
        "cert.0.expiresOn": "2025-01-01",
      }),
      actor,
      now: NOW,
    });
    expect(outcome).toBe("saved");
  });
});

describe("products waiting or sent back", () => {
  it("resubmits a draft and shows the officer's reason for sending it back", async () => {
    const { id } = await createProduct(db, {
      cooperativeId: coopA,
      product: newInput(),
      actor,
      now: NOW,
    });
    // the officer sends it back (their side of the workflow)
    await db
      .updateTable("product_reviews")
      .set({ status: "rejected", decision_note: "证书编号无法核验", decided_by_name: "李审核" })
      .where("product_id", "=", id)
      .execute();
    await db.updateTable("products").set({ status: "draft" }).where("id", "=", id).execute();
    const [row] = await listCoopProducts(db, coopA);
    expect(row!.review).toMatchObject({ status: "rejected", decisionNote: "证书编号无法核验" });

    const { outcome } = await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "300.00", "cert.0.number": "XNXFBF-2026-0102" }),
      actor,
      now: NOW,
    });
    expect(outcome).toBe("submitted");
    expect(await productRow(id)).toMatchObject({ status: "pending_review", price_fen: 30000 });
    expect((await reviewsOf(id)).map((r) => [r.reason, r.status])).toEqual([
      ["new", "rejected"],
      ["new", "pending"],
    ]);
  });
});

describe("stock", () => {
  let id: number;
  beforeEach(async () => {
    id = await seedProduct(db, { cooperativeId: coopA, stock: 10 });
  });

  it("adds, removes and sets stock, each with before, after and why in the log", async () => {
    expect(
      await adjustStock(db, {
        cooperativeId: coopA,
        productId: id,
        delta: 5,
        why: "新到货",
        actor,
      }),
    ).toEqual({ before: 10, after: 15 });
    expect(
      await adjustStock(db, {
        cooperativeId: coopA,
        productId: id,
        newStock: 7,
        why: "盘点",
        actor,
      }),
    ).toEqual({ before: 15, after: 7 });
    const audit = await listAudit(db, coopA, id);
    expect(audit.map((a) => [a.action, a.before, a.after, a.why])).toEqual([
      ["stock_adjust", { stock: 15 }, { stock: 7 }, "盘点"],
      ["stock_adjust", { stock: 10 }, { stock: 15 }, "新到货"],
    ]);
  });

  it("never goes below zero and needs a reason", async () => {
    const error = await refusal(
      adjustStock(db, { cooperativeId: coopA, productId: id, delta: -11, why: "破损", actor }),
    );
    expect(error).toMatchObject({ code: "portal.errors.stockBelowZero", params: { stock: 10 } });
    await refusal(
      adjustStock(db, { cooperativeId: coopA, productId: id, delta: 1, why: " ", actor }),
    );
    await refusal(
      adjustStock(db, { cooperativeId: coopA, productId: id, newStock: 1.5, why: "x", actor }),
    );
    expect(await productRow(id)).toMatchObject({ stock: 10 });
    expect(await listAudit(db, coopA, id)).toEqual([]);
  });
});

describe("archiving", () => {
  it("takes the product off sale, withdraws its waiting review and freezes it", async () => {
    const id = await seedProduct(db, { cooperativeId: coopA, priceFen: 10000 });
    await updateProduct(db, {
      cooperativeId: coopA,
      productId: id,
      product: editInput({ price: "200.00", why: "涨价" }),
      actor,
    });
    await archiveProduct(db, { cooperativeId: coopA, productId: id, actor, now: NOW });
    expect(await productRow(id)).toMatchObject({ status: "archived" });
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(["withdrawn"]);
    const error = await refusal(
      updateProduct(db, {
        cooperativeId: coopA,
        productId: id,
        product: editInput({ price: "100.00" }),
        actor,
      }),
    );
    expect(error).toMatchObject({ code: "portal.errors.archived", status: 409 });
    expect((await listAudit(db, coopA, id))[0]).toMatchObject({
      action: "archive",
      after: { status: "archived" },
    });
  });
});
