import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import {
  aidCert,
  createBasicCatalog,
  createProduct,
  type ProductInput,
} from "#tests/factories/catalog";
import { createUser } from "#tests/factories/users";
import { listProducts } from "../catalog/catalog.server";
import { DomainError } from "../errors";
import { approveReview, rejectReview } from "./review-decisions.server";
import {
  getReview,
  listPendingReviews,
  openReview,
  pendingReviewSummary,
  reviewHistory,
} from "./reviews.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
let officer: { id: number; name: string };
let managerId: number;

// 16:30 UTC on 1 December is already 2 December in Shanghai.
const NOW = new Date("2026-12-01T16:30:00Z");

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  officer = {
    id: await createUser(db, { role: "aid_officer", name: "帮扶办 陈立" }),
    name: "帮扶办 陈立",
  };
  managerId = await createUser(db, {
    role: "coop_manager",
    name: "马成林",
    cooperativeIds: [coops.datong],
  });
});
afterEach(() => cleanup());

async function pendingProduct(options: Partial<ProductInput> = {}) {
  const productId = await createProduct(db, {
    cooperativeId: coops.datong,
    status: "pending_review",
    ...options,
  });
  const reviewId = await openReview(db, {
    productId,
    cooperativeId: coops.datong,
    reason: "new",
    userId: managerId,
    now: new Date("2026-11-30T02:00:00Z"),
  });
  return { productId, reviewId };
}

async function productRow(id: number) {
  return db
    .selectFrom("products")
    .select(["status", "price_fen"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function reviewRow(id: number) {
  return db
    .selectFrom("product_reviews")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function storeSlugs() {
  return (await listProducts(db, {}, "zh-CN", NOW)).items.map((p) => p.slug);
}

async function domainError(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("approving a new product", () => {
  it("puts it on sale with a valid aid certification, signed by the officer", async () => {
    const { productId, reviewId } = await pendingProduct({ slug: "yak-new" });
    expect(await storeSlugs()).not.toContain("yak-new");

    await approveReview(db, { reviewId, officer, note: "证书齐全", now: NOW });

    expect((await productRow(productId)).status).toBe("active");
    expect(await storeSlugs()).toContain("yak-new");
    const review = await reviewRow(reviewId);
    expect(review).toMatchObject({
      status: "approved",
      decided_by: officer.id,
      decided_by_name: "帮扶办 陈立",
      decided_at: NOW.toISOString(),
      decision_note: "证书齐全",
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "product")
      .where("entity_id", "=", productId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: officer.id,
      actor_name: "帮扶办 陈立",
      action: "review_approved",
      cooperative_id: coops.datong,
    });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ status: "active" });
  });

  it("keeps the name the officer had when deciding, even if the account is renamed", async () => {
    const { reviewId } = await pendingProduct();
    await approveReview(db, { reviewId, officer, now: NOW });
    await db
      .updateTable("users")
      .set({ name: "陈立（已调岗）" })
      .where("id", "=", officer.id)
      .execute();
    const [entry] = await reviewHistory(db, { limit: 5 });
    expect(entry).toMatchObject({ id: reviewId, decidedByName: "帮扶办 陈立", status: "approved" });
    expect((await reviewRow(reviewId)).decision_note).toBeNull();
  });

  it("refuses when the aid certification has expired on the Shanghai calendar", async () => {
    // expires 1 December: still valid by UTC at NOW, but it is already 2 December in Shanghai
    const { productId, reviewId } = await pendingProduct({
      slug: "expired",
      certifications: [aidCert({ expiresOn: "2026-12-01" })],
    });
    const error = await domainError(approveReview(db, { reviewId, officer, now: NOW }));
    expect(error.code).toBe("review.errors.noValidCert");
    expect((await productRow(productId)).status).toBe("pending_review");
    expect((await reviewRow(reviewId)).status).toBe("pending");
    expect(await storeSlugs()).not.toContain("expired");
  });

  it("accepts a certification that expires today, and refuses one of another kind only", async () => {
    const today = await pendingProduct({ certifications: [aidCert({ expiresOn: "2026-12-02" })] });
    await approveReview(db, { reviewId: today.reviewId, officer, now: NOW });
    expect((await productRow(today.productId)).status).toBe("active");

    const greenOnly = await pendingProduct({
      certifications: [
        {
          kind: "green_food",
          number: "LB-1",
          issuedBy: "中国绿色食品发展中心",
          expiresOn: "2099-01-01",
        },
      ],
    });
    const error = await domainError(
      approveReview(db, { reviewId: greenOnly.reviewId, officer, now: NOW }),
    );
    expect(error.code).toBe("review.errors.noValidCert");
  });

  it("will not put an archived product back on sale", async () => {
    const { productId, reviewId } = await pendingProduct();
    await db
      .updateTable("products")
      .set({ status: "archived" })
      .where("id", "=", productId)
      .execute();
    const error = await domainError(approveReview(db, { reviewId, officer, now: NOW }));
    expect(error.code).toBe("review.errors.productArchived");
    expect((await productRow(productId)).status).toBe("archived");
  });

  it("refuses a note longer than 200 characters, beside the note", async () => {
    const { reviewId } = await pendingProduct();
    const error = await domainError(
      approveReview(db, { reviewId, officer, note: "很".repeat(201), now: NOW }),
    );
    expect(error).toMatchObject({ code: "review.errors.note", field: "note", status: 400 });
  });
});

describe("rejecting", () => {
  it("keeps a new product hidden, as a draft, and stores the reason for the manager", async () => {
    const { productId, reviewId } = await pendingProduct({ slug: "hidden" });
    await rejectReview(db, {
      reviewId,
      officer,
      reason: "  请补充消费帮扶产品认定证书扫描件。 ",
      now: NOW,
    });
    expect((await productRow(productId)).status).toBe("draft");
    expect(await storeSlugs()).not.toContain("hidden");
    expect(await reviewRow(reviewId)).toMatchObject({
      status: "rejected",
      decided_by: officer.id,
      decided_by_name: "帮扶办 陈立",
      decision_note: "请补充消费帮扶产品认定证书扫描件。",
    });
  });

  it("needs a reason of 2 to 200 characters", async () => {
    const { reviewId } = await pendingProduct();
    for (const reason of ["", " 不 ", "理".repeat(201)]) {
      const error = await domainError(rejectReview(db, { reviewId, officer, reason, now: NOW }));
      expect(error).toMatchObject({ code: "review.errors.reason", field: "reason" });
    }
    expect((await reviewRow(reviewId)).status).toBe("pending");
  });
});

describe("price raises", () => {
  async function raise(toFen: number) {
    const productId = await createProduct(db, {
      cooperativeId: coops.datong,
      slug: `raise-${toFen}`,
      priceFen: 10000,
      referencePriceFen: 11000,
    });
    const reviewId = await openReview(db, {
      productId,
      cooperativeId: coops.datong,
      reason: "price_raise",
      proposal: { priceFen: toFen, previousPriceFen: 10000 },
      userId: managerId,
      now: new Date("2026-11-30T02:00:00Z"),
    });
    return { productId, reviewId };
  }

  it("shows the officer the change and the reference, and approval applies the new price", async () => {
    const { productId, reviewId } = await raise(15800);
    const detail = await getReview(db, reviewId, "zh-CN", NOW);
    expect(detail.price).toMatchObject({
      currentFen: 10000,
      proposedFen: 15800,
      changePercent: 58,
      referenceFen: 11000,
      overReferencePercent: 43.6,
      previousFen: null,
    });
    const [queued] = await listPendingReviews(db);
    expect(queued).toMatchObject({ id: reviewId, proposedPriceFen: 15800, changePercent: 58 });

    await approveReview(db, { reviewId, officer, now: NOW });
    expect(await productRow(productId)).toEqual({ status: "active", price_fen: 15800 });
    expect(await storeSlugs()).toContain("raise-15800");
  });

  it("rejection leaves the price as it was and the product on sale", async () => {
    const { productId, reviewId } = await raise(20000);
    await rejectReview(db, { reviewId, officer, reason: "远高于市场参考价", now: NOW });
    expect(await productRow(productId)).toEqual({ status: "active", price_fen: 10000 });
  });

  it("refuses to approve a proposal without a valid price", async () => {
    const productId = await createProduct(db, { cooperativeId: coops.datong });
    const reviewId = await openReview(db, {
      productId,
      cooperativeId: coops.datong,
      reason: "price_raise",
      proposal: { priceFen: "lots" },
      userId: managerId,
      now: NOW,
    });
    const error = await domainError(approveReview(db, { reviewId, officer, now: NOW }));
    expect(error.code).toBe("review.errors.badProposal");
  });
});

describe("a decision is final", () => {
  it("answers 409 to a second decision, whichever it is", async () => {
    const { reviewId } = await pendingProduct();
    await approveReview(db, { reviewId, officer, now: NOW });
    for (const second of [
      approveReview(db, { reviewId, officer, now: NOW }),
      rejectReview(db, { reviewId, officer, reason: "再看看", now: NOW }),
    ]) {
      const error = await domainError(second);
      expect(error).toMatchObject({ code: "review.errors.alreadyDecided", status: 409 });
    }
    expect((await reviewRow(reviewId)).status).toBe("approved");
  });

  it("lets only one of two officers deciding at once win", async () => {
    const { reviewId } = await pendingProduct();
    const other = { id: await createUser(db, { role: "aid_officer" }), name: "帮扶办 李娜" };
    const results = await Promise.allSettled([
      approveReview(db, { reviewId, officer, now: NOW }),
      rejectReview(db, { reviewId, officer: other, reason: "证书模糊", now: NOW }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const audit = await db.selectFrom("audit_log").select("id").execute();
    expect(audit).toHaveLength(1);
  });

  it("cannot decide a review the cooperative replaced (withdrawn), nor one that does not exist", async () => {
    const { productId, reviewId } = await pendingProduct();
    await openReview(db, {
      productId,
      cooperativeId: coops.datong,
      reason: "new",
      userId: managerId,
      now: NOW,
    });
    expect((await domainError(approveReview(db, { reviewId, officer, now: NOW }))).status).toBe(
      409,
    );
    expect(
      (await domainError(approveReview(db, { reviewId: 9999, officer, now: NOW }))).status,
    ).toBe(404);
    expect((await domainError(getReview(db, 9999))).status).toBe(404);
  });
});

describe("reading the queue", () => {
  it("lists pending reviews oldest first, with names, and counts them", async () => {
    const first = await pendingProduct({ nameZh: "牦牛腱子" });
    const productId = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      status: "pending_review",
      nameZh: "鲜牛奶",
    });
    await openReview(db, {
      productId,
      cooperativeId: coops.huangzhong,
      reason: "changed",
      proposal: { changed: ["category"] },
      userId: null,
      now: new Date("2026-11-30T05:00:00Z"),
    });
    const queue = await listPendingReviews(db);
    expect(queue.map((r) => r.productName)).toEqual(["牦牛腱子", "鲜牛奶"]);
    expect(queue[0]).toMatchObject({
      id: first.reviewId,
      reason: "new",
      submittedByName: "马成林",
      cooperativeName: "大通牦牛合作社",
      countyName: "大通县",
      proposedPriceFen: null,
    });
    expect(queue[1]).toMatchObject({ reason: "changed", submittedByName: null });
    expect(await pendingReviewSummary(db)).toEqual({
      count: 2,
      oldestAt: "2026-11-30T02:00:00.000Z",
    });
  });

  it("gives the full picture of one review, certificates flagged when expired", async () => {
    const { reviewId } = await pendingProduct({
      nameZh: "青稞米",
      nameEn: "Highland barley rice",
      certifications: [
        aidCert({ number: "AID-OLD", expiresOn: "2026-06-30" }),
        aidCert({ number: "AID-NEW", expiresOn: "2027-06-30" }),
      ],
    });
    const detail = await getReview(db, reviewId, "en", NOW);
    expect(detail.product).toMatchObject({
      name: "Highland barley rice",
      nameZh: "青稞米",
      status: "pending_review",
    });
    expect(detail.county).toEqual({
      code: "datong",
      name: "Datong County",
      pairedDistrict: "Yuhuatai District",
    });
    expect(detail.cooperative.name).toMatch(/Cooperative/);
    expect(detail.aidCertification).toEqual({ number: "AID-NEW", expiresOn: "2027-06-30" });
    expect(Object.fromEntries(detail.certifications.map((c) => [c.number, c.expired]))).toEqual({
      "AID-OLD": true,
      "AID-NEW": false,
    });
    expect(detail.submittedByName).toBe("马成林");
  });

  it("lists decided reviews newest first with the officers' names", async () => {
    const a = await pendingProduct();
    const b = await pendingProduct();
    const other = { id: await createUser(db, { role: "admin" }), name: "平台管理员 周敏" };
    await approveReview(db, {
      reviewId: a.reviewId,
      officer,
      now: new Date("2026-12-01T01:00:00Z"),
    });
    await rejectReview(db, {
      reviewId: b.reviewId,
      officer: other,
      reason: "图片与实物不符",
      now: new Date("2026-12-01T02:00:00Z"),
    });
    const history = await reviewHistory(db, { limit: 10 });
    expect(history.map((h) => [h.id, h.status, h.decidedByName, h.decisionNote])).toEqual([
      [b.reviewId, "rejected", "平台管理员 周敏", "图片与实物不符"],
      [a.reviewId, "approved", "帮扶办 陈立", null],
    ]);
    expect(await reviewHistory(db, { limit: 1 })).toHaveLength(1);
    expect(await listPendingReviews(db)).toEqual([]);
  });
});
