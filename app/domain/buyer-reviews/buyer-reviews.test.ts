import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createDeliveredOrder, deliverOrder } from "#tests/factories/buyer-reviews";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { listProducts } from "../catalog/catalog.server";
import { markDelivered } from "../orders/delivery.server";
import { markShipped } from "../orders/shipments.server";
import { demoGateway } from "../payments/demo-gateway.server";
import { requestRefund } from "../orders/refunds.server";
import {
  countLinesAwaitingReview,
  linesAwaitingReview,
  orderBuyerReviewStates,
  productBuyerReviews,
} from "./buyer-review-queries.server";
import { maskReviewerName } from "./buyer-review-fields";
import { hideBuyerReview, replyToBuyerReview, submitBuyerReview } from "./buyer-reviews.server";
import { filesystemFileStore, type FileStore } from "~/domain/storage/file-store.server";

let db: DB;
let cleanup: () => Promise<void>;
let dir: string;
let store: FileStore;
let coops: { datong: number; huangzhong: number };
let productA: number;
let productB: number;
let buyer: number;

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-reviews-"));
  store = filesystemFileStore(dir);
  coops = await createBasicCatalog(db);
  productA = await createProduct(db, { cooperativeId: coops.datong, stock: 100 });
  productB = await createProduct(db, { cooperativeId: coops.huangzhong, stock: 100 });
  buyer = await createUser(db, { name: "王小明" });
});
afterEach(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

let officer: { id: number; name: string };
beforeEach(async () => {
  officer = { id: await createUser(db, { role: "aid_officer" }), name: "帮扶办 陈立" };
});

async function review(
  lineId: number,
  rating = 5,
  userId = buyer,
  body = "牦牛肉很新鲜，家人都喜欢。",
) {
  return submitBuyerReview(db, { userId, userName: "王小明", lineId, rating, body, store });
}

const statsOf = (productId: number) =>
  db
    .selectFrom("buyer_review_stats")
    .select(["review_count", "rating_sum"])
    .where("product_id", "=", productId)
    .executeTakeFirst();

describe("who may review", () => {
  it("lets the buyer review a delivered line once, with a clear message the second time", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const id = await review(order.lines[0]!.id, 4);
    expect(id).toBeGreaterThan(0);
    await expect(review(order.lines[0]!.id, 5)).rejects.toMatchObject({
      code: "buyerReviews.errors.already",
      status: 409,
    });
    expect(await statsOf(productA)).toEqual({ review_count: 1, rating_sum: 4 });
  });

  it("refuses a line that has not been delivered", async () => {
    const order = await createPaidOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const [line] = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", order.id)
      .execute();
    await expect(review(line!.id)).rejects.toMatchObject({
      code: "buyerReviews.errors.notDelivered",
    });
    expect(await countLinesAwaitingReview(db, buyer)).toBe(0);
  });

  it("offers only the line whose own parcel arrived when the order ships in two parcels", async () => {
    const order = await createPaidOrder(
      db,
      [
        { productId: productA, quantity: 1 },
        { productId: productB, quantity: 1 },
      ],
      { userId: buyer },
    );
    const parcel = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", order.id)
      .where("cooperative_id", "=", coops.datong)
      .executeTakeFirstOrThrow();
    await markShipped(db, {
      coopId: coops.datong,
      shipmentId: parcel.id,
      carrier: "sf",
      trackingNumber: "SF0000000001",
    });
    expect(await countLinesAwaitingReview(db, buyer)).toBe(0);
    await markDelivered(db, { shipmentId: parcel.id });
    const waiting = await linesAwaitingReview(db, buyer, "zh-CN");
    const lines = await db
      .selectFrom("order_lines")
      .select(["id", "product_id"])
      .where("order_id", "=", order.id)
      .execute();
    const lineA = lines.find((l) => l.product_id === productA)!.id;
    const lineB = lines.find((l) => l.product_id === productB)!.id;
    expect(waiting.map((l) => l.lineId)).toEqual([lineA]);
    await expect(review(lineB)).rejects.toMatchObject({ code: "buyerReviews.errors.notDelivered" });
    expect(await review(lineA)).toBeGreaterThan(0);
  });

  it("refuses another person's line as if it did not exist", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const stranger = await createUser(db, { name: "李四" });
    await expect(review(order.lines[0]!.id, 5, stranger)).rejects.toMatchObject({
      status: 404,
    });
    expect(
      await orderBuyerReviewStates(db, { orderId: order.id, userId: stranger }, "zh-CN"),
    ).toEqual([]);
    expect(await orderBuyerReviewStates(db, { orderId: order.id, userId: null }, "zh-CN")).toEqual(
      [],
    );
  });

  it("refuses a refunded line", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 2 }], {
      userId: buyer,
    });
    const refund = await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "all" },
        restock: false,
        reason: "顾客收到的商品破损",
        actor: { id: null, name: "平台管理员" },
      },
      { gatewayFor: () => demoGateway },
    );
    expect(refund.status).toBe("succeeded");
    await expect(review(order.lines[0]!.id)).rejects.toMatchObject({
      code: "buyerReviews.errors.refunded",
    });
    expect(await linesAwaitingReview(db, buyer, "zh-CN")).toEqual([]);
  });

  it("lists delivered lines waiting for a review, and drops them once reviewed", async () => {
    const order = await createDeliveredOrder(
      db,
      [
        { productId: productA, quantity: 1 },
        { productId: productB, quantity: 1 },
      ],
      { userId: buyer },
    );
    expect(await countLinesAwaitingReview(db, buyer)).toBe(2);
    await review(order.lines[0]!.id);
    const waiting = await linesAwaitingReview(db, buyer, "zh-CN");
    expect(waiting.map((l) => l.lineId)).toEqual([order.lines[1]!.id]);
    const states = await orderBuyerReviewStates(db, { orderId: order.id, userId: buyer }, "en");
    expect(states.map((s) => s.rating)).toEqual([5, null]);
  });

  it("checks pictures like product pictures and writes nothing when one is bad", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const good = new Uint8Array(
      await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a7" } })
        .jpeg()
        .toBuffer(),
    );
    const bad = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>");
    await expect(
      submitBuyerReview(db, {
        userId: buyer,
        userName: "王小明",
        lineId: order.lines[0]!.id,
        rating: 5,
        body: "很好吃，包装也好。",
        pictures: [good, bad],
        store,
      }),
    ).rejects.toMatchObject({ code: "portal.errors.imageType", field: "pictures" });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await db.selectFrom("buyer_reviews").select("id").execute()).toEqual([]);

    await submitBuyerReview(db, {
      userId: buyer,
      userName: "王小明",
      lineId: order.lines[0]!.id,
      rating: 5,
      body: "很好吃，包装也好。",
      pictures: [good],
      store,
    });
    const page = await productBuyerReviews(db, productA);
    expect(page.reviews[0]!.pictures).toHaveLength(1);
    expect(page.reviews[0]!.pictures[0]).toMatch(/^\/media\/[a-f0-9]{32}\/400\.webp$/);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });
});

describe("replies", () => {
  it("lets the selling cooperative reply once, and no other cooperative", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const reviewId = await review(order.lines[0]!.id);
    const manager = { id: await createUser(db, { role: "coop_manager" }), name: "马成林" };
    await expect(
      replyToBuyerReview(db, {
        cooperativeId: coops.huangzhong,
        reviewId,
        reply: "谢谢",
        actor: manager,
      }),
    ).rejects.toMatchObject({ status: 404 });
    await replyToBuyerReview(db, {
      cooperativeId: coops.datong,
      reviewId,
      reply: "谢谢您的支持！",
      actor: manager,
    });
    await expect(
      replyToBuyerReview(db, {
        cooperativeId: coops.datong,
        reviewId,
        reply: "再次感谢",
        actor: manager,
      }),
    ).rejects.toMatchObject({ code: "buyerReviews.errors.alreadyReplied", status: 409 });
    const page = await productBuyerReviews(db, productA);
    expect(page.reviews[0]!.reply?.body).toBe("谢谢您的支持！");
  });
});

describe("hiding", () => {
  it("keeps the record, and leaves the hidden review out of pages and averages", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const second = await createUser(db, { name: "李华" });
    const other = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: second,
    });
    const kept = await review(order.lines[0]!.id, 4);
    const hidden = await review(other.lines[0]!.id, 1, second, "广告广告广告广告");
    expect((await productBuyerReviews(db, productA)).average).toBe(2.5);

    const before = await db
      .selectFrom("page_versions")
      .select("version")
      .where("scope", "=", "catalogue")
      .executeTakeFirstOrThrow();
    await hideBuyerReview(db, { reviewId: hidden, reason: "与商品无关的广告", actor: officer });
    const after = await db
      .selectFrom("page_versions")
      .select("version")
      .where("scope", "=", "catalogue")
      .executeTakeFirstOrThrow();
    expect(after.version).toBeGreaterThan(before.version);

    const page = await productBuyerReviews(db, productA);
    expect(page).toMatchObject({ count: 1, average: 4 });
    expect(page.reviews.map((r) => r.id)).toEqual([kept]);
    const record = await db
      .selectFrom("buyer_reviews")
      .select(["hidden_at", "hidden_by_name", "hidden_reason", "body"])
      .where("id", "=", hidden)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      hidden_by_name: "帮扶办 陈立",
      hidden_reason: "与商品无关的广告",
      body: "广告广告广告广告",
    });
    expect(record.hidden_at).not.toBeNull();
    await expect(
      hideBuyerReview(db, { reviewId: hidden, reason: "再隐藏一次", actor: officer }),
    ).rejects.toMatchObject({ code: "buyerReviews.errors.alreadyHidden" });
    expect(await statsOf(productA)).toEqual({ review_count: 1, rating_sum: 4 });

    // the catalogue's cards read the same tally, in the one query for the page
    const cards = await listProducts(db, {}, "zh-CN");
    const card = cards.items.find((c) => c.id === productA)!;
    expect(card).toMatchObject({ reviewCount: 1, ratingAverage: 4 });
    expect(cards.items.find((c) => c.id === productB)).toMatchObject({
      reviewCount: 0,
      ratingAverage: null,
    });
  });

  it("refuses a reply to a hidden review", async () => {
    const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
      userId: buyer,
    });
    const reviewId = await review(order.lines[0]!.id);
    await hideBuyerReview(db, { reviewId, reason: "含有个人电话号码", actor: officer });
    await expect(
      replyToBuyerReview(db, {
        cooperativeId: coops.datong,
        reviewId,
        reply: "谢谢",
        actor: officer,
      }),
    ).rejects.toMatchObject({ code: "buyerReviews.errors.hiddenNoReply" });
  });
});

describe("public pages", () => {
  it("show names masked, newest first, a page at a time, averaged to one decimal", async () => {
    const ratings = [5, 4, 4, 5, 3, 5, 4];
    const orders = [];
    for (const [i, rating] of ratings.entries()) {
      const userId = await createUser(db, { name: `张${i}` });
      const order = await createDeliveredOrder(db, [{ productId: productA, quantity: 1 }], {
        userId,
      });
      orders.push(order);
      await submitBuyerReview(db, {
        userId,
        userName: `张三${i}`,
        lineId: order.lines[0]!.id,
        rating,
        body: `第 ${i} 条评价内容`,
        now: new Date(Date.UTC(2026, 10, 1 + i)),
        store,
      });
    }
    const first = await productBuyerReviews(db, productA);
    expect(first.count).toBe(7);
    expect(first.average).toBe(4.3); // 30 / 7 = 4.2857…
    expect(first.reviews).toHaveLength(5);
    expect(first.reviews[0]).toMatchObject({ reviewer: "张**", body: "第 6 条评价内容" });
    const second = await productBuyerReviews(db, productA, { page: 2, perPage: 5 });
    expect(second.reviews.map((r) => r.body)).toEqual(["第 1 条评价内容", "第 0 条评价内容"]);
    expect(JSON.stringify(first)).not.toContain("张三");
  });

  it("mask names by their first character", () => {
    expect(maskReviewerName("王小明")).toBe("王**");
    expect(maskReviewerName("王")).toBe("王**");
    expect(maskReviewerName(" Alice Smith")).toBe("A**");
    expect(maskReviewerName("")).toBe("***");
  });
});

// deliverOrder marks only this order's parcels
it("deliverOrder leaves other orders alone", async () => {
  const a = await createPaidOrder(db, [{ productId: productA, quantity: 1 }], { userId: buyer });
  const b = await createPaidOrder(db, [{ productId: productA, quantity: 1 }], { userId: buyer });
  await deliverOrder(db, a.id);
  const statuses = await db.selectFrom("shipments").select(["order_id", "status"]).execute();
  expect(statuses.find((s) => s.order_id === b.id)?.status).toBe("pending");
});
