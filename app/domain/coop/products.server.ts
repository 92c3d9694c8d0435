import { sql, type Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database, ProductStatus, ReviewReason, ReviewStatus } from "#db/schema";
import { shanghaiDate } from "~/utils/time";
import { openReview } from "../aid/reviews.server";
import { DomainError } from "../errors";
import { writeAudit, type Actor } from "./audit.server";
import {
  certField,
  MAX_STOCK,
  type CertificationInput,
  type NewProductInput,
  type UpdateProductInput,
} from "./product-input";

type Trx = Transaction<Database>;

/** A price raised by more than this share waits for an aid officer (>30%). */
export const PRICE_RAISE_REVIEW_PERCENT = 30;

/** Shown until the first picture is uploaded. */
export const PLACEHOLDER_IMAGE = "/images/placeholder.svg";

const forbidden = () => new DomainError("portal.errors.forbidden", 403);

export interface LatestReview {
  id: number;
  reason: ReviewReason;
  status: ReviewStatus;
  proposal: Record<string, unknown>;
  submittedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface CoopProductRow {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  categoryCode: string;
  status: ProductStatus;
  priceFen: number;
  stock: number;
  image: string;
  updatedAt: string;
  review: LatestReview | null;
}

function parseProposal(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The newest review of each given product of the cooperative, in one query. */
async function latestReviews(
  db: DB,
  cooperativeId: number,
  productId?: number,
): Promise<Map<number, LatestReview>> {
  let newest = db
    .selectFrom("product_reviews")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("cooperative_id", "=", cooperativeId);
  if (productId !== undefined) newest = newest.where("product_id", "=", productId);
  const rows = await db
    .selectFrom("product_reviews")
    .select([
      "id",
      "product_id",
      "reason",
      "status",
      "proposal",
      "submitted_at",
      "decided_by_name",
      "decided_at",
      "decision_note",
    ])
    .where("cooperative_id", "=", cooperativeId)
    .where("id", "in", newest.groupBy("product_id"))
    .execute();
  return new Map(
    rows.map((r) => [
      r.product_id,
      {
        id: r.id,
        reason: r.reason,
        status: r.status,
        proposal: parseProposal(r.proposal),
        submittedAt: r.submitted_at,
        decidedByName: r.decided_by_name,
        decidedAt: r.decided_at,
        decisionNote: r.decision_note,
      },
    ]),
  );
}

/** Every product of the cooperative (archived last), with its newest review. */
export async function listCoopProducts(db: DB, cooperativeId: number): Promise<CoopProductRow[]> {
  const [rows, reviews] = await Promise.all([
    db
      .selectFrom("products")
      .select([
        "id",
        "slug",
        "name_zh",
        "name_en",
        "category_code",
        "status",
        "price_fen",
        "stock",
        "image",
        "updated_at",
      ])
      .where("cooperative_id", "=", cooperativeId)
      .orderBy(sql`status = 'archived'`)
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .execute(),
    latestReviews(db, cooperativeId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    categoryCode: r.category_code,
    status: r.status,
    priceFen: r.price_fen,
    stock: r.stock,
    image: r.image,
    updatedAt: r.updated_at,
    review: reviews.get(r.id) ?? null,
  }));
}

export interface CoopProduct {
  id: number;
  slug: string;
  status: ProductStatus;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  storyZh: string;
  storyEn: string;
  categoryCode: string;
  unitZh: string;
  unitEn: string;
  priceFen: number;
  stock: number;
  coldChain: boolean;
  storageZh: string;
  storageEn: string;
  shelfLifeDays: number;
  harvestSeasonZh: string | null;
  harvestSeasonEn: string | null;
  image: string;
  certifications: CertificationInput[];
  review: LatestReview | null;
}

/**
 * One product of this cooperative. A product of another cooperative and one that does not
 * exist are the same refusal, so ids cannot be probed.
 */
export async function getCoopProduct(
  db: DB,
  cooperativeId: number,
  productId: number,
): Promise<CoopProduct> {
  if (!Number.isSafeInteger(productId) || productId <= 0) throw forbidden();
  const p = await db
    .selectFrom("products")
    .select([
      "id",
      "slug",
      "status",
      "name_zh",
      "name_en",
      "summary_zh",
      "summary_en",
      "story_zh",
      "story_en",
      "category_code",
      "unit_zh",
      "unit_en",
      "price_fen",
      "stock",
      "cold_chain",
      "storage_zh",
      "storage_en",
      "shelf_life_days",
      "harvest_season_zh",
      "harvest_season_en",
      "image",
    ])
    .where("id", "=", productId)
    .where("cooperative_id", "=", cooperativeId)
    .executeTakeFirst();
  if (!p) throw forbidden();
  const [certs, reviews] = await Promise.all([
    db
      .selectFrom("product_certifications")
      .select(["kind", "number", "issued_by", "expires_on"])
      .where("product_id", "=", p.id)
      .orderBy("id")
      .execute(),
    latestReviews(db, cooperativeId, p.id),
  ]);
  return {
    id: p.id,
    slug: p.slug,
    status: p.status,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    summaryZh: p.summary_zh,
    summaryEn: p.summary_en,
    storyZh: p.story_zh,
    storyEn: p.story_en,
    categoryCode: p.category_code,
    unitZh: p.unit_zh,
    unitEn: p.unit_en,
    priceFen: p.price_fen,
    stock: p.stock,
    coldChain: p.cold_chain === 1,
    storageZh: p.storage_zh,
    storageEn: p.storage_en,
    shelfLifeDays: p.shelf_life_days,
    harvestSeasonZh: p.harvest_season_zh,
    harvestSeasonEn: p.harvest_season_en,
    image: p.image,
    certifications: certs.map((c) => ({
      kind: c.kind as CertificationInput["kind"],
      number: c.number,
      issuedBy: c.issued_by,
      expiresOn: c.expires_on,
    })),
    review: reviews.get(p.id) ?? null,
  };
}

/** Categories for the form's select, in the page's language. */
export async function listCategories(db: DB, locale: "zh-CN" | "en") {
  const rows = await db
    .selectFrom("categories")
    .select(["code", "name_zh", "name_en"])
    .orderBy("sort")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({ code: r.code, name: locale === "en" ? r.name_en : r.name_zh }));
}

/** "Dried Morels (50 g)" → "dried-morels-50-g"; never empty. */
export function slugify(nameEn: string): string {
  const slug = nameEn
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return slug || "product";
}

async function uniqueSlug(trx: Trx, nameEn: string): Promise<string> {
  const base = slugify(nameEn);
  const taken = new Set(
    (
      await trx
        .selectFrom("products")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function assertCategory(trx: Trx, code: string): Promise<void> {
  const row = await trx
    .selectFrom("categories")
    .select("code")
    .where("code", "=", code)
    .executeTakeFirst();
  if (!row) throw new DomainError("portal.errors.category", 400, {}, "category");
}

const certKey = (c: CertificationInput) => `${c.kind}|${c.number}|${c.issuedBy}|${c.expiresOn}`;

/**
 * A certificate typed in (new, or with anything about it changed) must not be expired on
 * today's Shanghai calendar. One already on record and left as it was may stay: the store
 * shows it as expired, and it no longer makes a sale count as aid.
 */
function assertNotExpired(
  certs: Array<CertificationInput & { row: number }>,
  existing: CertificationInput[],
  now: Date,
): void {
  const today = shanghaiDate(now);
  const kept = new Set(existing.map(certKey));
  for (const c of certs) {
    if (c.expiresOn < today && !kept.has(certKey(c))) {
      throw new DomainError(
        c.kind === "aid" ? "portal.errors.aidCertExpired" : "portal.errors.certExpired",
        400,
        { date: c.expiresOn },
        certField(c.row, "expiresOn"),
      );
    }
  }
}

function sameCerts(a: CertificationInput[], b: CertificationInput[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(certKey).sort();
  const y = b.map(certKey).sort();
  return x.every((k, i) => k === y[i]);
}

async function replaceCerts(trx: Trx, productId: number, certs: CertificationInput[]) {
  await trx.deleteFrom("product_certifications").where("product_id", "=", productId).execute();
  if (!certs.length) return;
  await trx
    .insertInto("product_certifications")
    .values(
      certs.map((c) => ({
        product_id: productId,
        kind: c.kind,
        number: c.number,
        issued_by: c.issuedBy,
        expires_on: c.expiresOn,
      })),
    )
    .execute();
}

const plainCerts = (certs: CertificationInput[]) =>
  certs.map(({ kind, number, issuedBy, expiresOn }) => ({ kind, number, issuedBy, expiresOn }));

/**
 * A new product. It waits for an aid officer (pending_review, review reason "new") and is not
 * in the store until approved. Its origin is the cooperative: managers never choose it.
 */
export async function createProduct(
  db: DB,
  input: { cooperativeId: number; product: NewProductInput; actor: Actor; now?: Date },
): Promise<{ id: number; slug: string }> {
  const now = input.now ?? new Date();
  const p = input.product;
  assertNotExpired(p.certifications, [], now);
  return db.transaction().execute(async (trx) => {
    await assertCategory(trx, p.category);
    const slug = await uniqueSlug(trx, p.nameEn);
    const row = await trx
      .insertInto("products")
      .values({
        slug,
        cooperative_id: input.cooperativeId,
        category_code: p.category,
        name_zh: p.nameZh,
        name_en: p.nameEn,
        summary_zh: p.summaryZh,
        summary_en: p.summaryEn,
        story_zh: p.storyZh,
        story_en: p.storyEn,
        unit_zh: p.unitZh,
        unit_en: p.unitEn,
        price_fen: p.priceFen,
        stock: p.stock,
        status: "pending_review",
        cold_chain: p.coldChain ? 1 : 0,
        storage_zh: p.storageZh,
        storage_en: p.storageEn,
        shelf_life_days: p.shelfLifeDays,
        harvest_season_zh: p.harvestSeasonZh,
        harvest_season_en: p.harvestSeasonEn,
        image: PLACEHOLDER_IMAGE,
        featured: 0,
        reference_price_fen: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceCerts(trx, row.id, p.certifications);
    await openReview(trx, {
      productId: row.id,
      cooperativeId: input.cooperativeId,
      reason: "new",
      userId: input.actor.id,
      now,
    });
    await writeAudit(trx, {
      actor: input.actor,
      entity: "product",
      entityId: row.id,
      cooperativeId: input.cooperativeId,
      action: "create",
      after: {
        priceFen: p.priceFen,
        stock: p.stock,
        category: p.category,
        certifications: plainCerts(p.certifications),
      },
      now,
    });
    return { id: row.id, slug };
  });
}

async function scopedProduct(trx: Trx, cooperativeId: number, productId: number) {
  if (!Number.isSafeInteger(productId) || productId <= 0) throw forbidden();
  const row = await trx
    .selectFrom("products")
    .selectAll()
    .where("id", "=", productId)
    .where("cooperative_id", "=", cooperativeId)
    .executeTakeFirst();
  if (!row) throw forbidden();
  return row;
}

/** Text fields whose changes are recorded in the audit log (price and stock have their own). */
const TRACKED = {
  nameZh: "name_zh",
  nameEn: "name_en",
  summaryZh: "summary_zh",
  summaryEn: "summary_en",
  storyZh: "story_zh",
  storyEn: "story_en",
  category: "category_code",
  unitZh: "unit_zh",
  unitEn: "unit_en",
  shelfLifeDays: "shelf_life_days",
  storageZh: "storage_zh",
  storageEn: "storage_en",
  harvestSeasonZh: "harvest_season_zh",
  harvestSeasonEn: "harvest_season_en",
} as const;

export type UpdateOutcome =
  /** saved; the product stays as it was in the store */
  | "saved"
  /** saved, and the product waits for an aid officer before it is (again) in the store */
  | "submitted"
  /** saved except the price: the raise waits for an officer; the old price holds until then */
  | "priceReview";

/**
 * Saves the edit form. Rules:
 * - On an active product, a change to its certifications or category takes it off sale
 *   (pending_review, review "changed"); a price raised by more than 30% keeps the product on
 *   sale at the old price and opens a "price_raise" review proposing the new one.
 * - A draft or pending product is (re)submitted as it now stands; the price applies directly,
 *   because the product is off sale and the officer approves it whole. The same holds when a
 *   raise comes with a category/certificate change: one "changed" review covers both (a
 *   product has at most one pending review; opening one withdraws the last).
 * - Every applied price change and every raise asked for is in the audit log with its reason.
 */
export async function updateProduct(
  db: DB,
  input: {
    cooperativeId: number;
    productId: number;
    product: UpdateProductInput;
    actor: Actor;
    now?: Date;
  },
): Promise<{ outcome: UpdateOutcome }> {
  const now = input.now ?? new Date();
  const p = input.product;
  return db.transaction().execute(async (trx) => {
    const cur = await scopedProduct(trx, input.cooperativeId, input.productId);
    if (cur.status === "archived") throw new DomainError("portal.errors.archived", 409);
    await assertCategory(trx, p.category);
    const existing = (
      await trx
        .selectFrom("product_certifications")
        .select(["kind", "number", "issued_by", "expires_on"])
        .where("product_id", "=", cur.id)
        .orderBy("id")
        .execute()
    ).map((c) => ({
      kind: c.kind as CertificationInput["kind"],
      number: c.number,
      issuedBy: c.issued_by,
      expiresOn: c.expires_on,
    }));
    assertNotExpired(p.certifications, existing, now);

    const certsChanged = !sameCerts(existing, p.certifications);
    const categoryChanged = p.category !== cur.category_code;
    const priceChanged = p.priceFen !== cur.price_fen;
    const bigRaise =
      priceChanged && p.priceFen * 100 > cur.price_fen * (100 + PRICE_RAISE_REVIEW_PERCENT);
    if (priceChanged && cur.status === "active" && !p.why) {
      throw new DomainError("portal.errors.whyPrice", 400, {}, "why");
    }

    const changed: string[] = [];
    if (categoryChanged) changed.push("category");
    if (certsChanged) changed.push("certifications");

    let status: ProductStatus = cur.status;
    let applyPrice = priceChanged;
    let review: { reason: ReviewReason; proposal: Record<string, unknown> } | null = null;
    let outcome: UpdateOutcome = "saved";
    if (cur.status === "active") {
      if (changed.length) {
        status = "pending_review";
        outcome = "submitted";
        review = {
          reason: "changed",
          proposal: {
            changed,
            ...(priceChanged ? { previousPriceFen: cur.price_fen, priceFen: p.priceFen } : {}),
          },
        };
      } else if (bigRaise) {
        applyPrice = false;
        outcome = "priceReview";
        review = {
          reason: "price_raise",
          proposal: { priceFen: p.priceFen, previousPriceFen: cur.price_fen },
        };
      } else if (priceChanged) {
        // The manager settled on another price: an earlier raise still waiting is moot.
        await trx
          .updateTable("product_reviews")
          .set({ status: "withdrawn" })
          .where("product_id", "=", cur.id)
          .where("cooperative_id", "=", input.cooperativeId)
          .where("status", "=", "pending")
          .where("reason", "=", "price_raise")
          .execute();
      }
    } else {
      // draft (e.g. sent back) or pending_review: goes (back) to the officer as it now stands
      status = "pending_review";
      outcome = "submitted";
      const pending = await trx
        .selectFrom("product_reviews")
        .select("id")
        .where("product_id", "=", cur.id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (!pending) {
        const approved = await trx
          .selectFrom("product_reviews")
          .select("id")
          .where("product_id", "=", cur.id)
          .where("status", "=", "approved")
          .executeTakeFirst();
        review = {
          reason: approved ? "changed" : "new",
          proposal: changed.length ? { changed } : {},
        };
      }
    }

    await trx
      .updateTable("products")
      .set({
        category_code: p.category,
        name_zh: p.nameZh,
        name_en: p.nameEn,
        summary_zh: p.summaryZh,
        summary_en: p.summaryEn,
        story_zh: p.storyZh,
        story_en: p.storyEn,
        unit_zh: p.unitZh,
        unit_en: p.unitEn,
        cold_chain: p.coldChain ? 1 : 0,
        storage_zh: p.storageZh,
        storage_en: p.storageEn,
        shelf_life_days: p.shelfLifeDays,
        harvest_season_zh: p.harvestSeasonZh,
        harvest_season_en: p.harvestSeasonEn,
        status,
        updated_at: now.toISOString(),
        ...(applyPrice ? { price_fen: p.priceFen } : {}),
      })
      .where("id", "=", cur.id)
      .where("cooperative_id", "=", input.cooperativeId)
      .execute();
    if (certsChanged) await replaceCerts(trx, cur.id, p.certifications);
    if (review) {
      await openReview(trx, {
        productId: cur.id,
        cooperativeId: input.cooperativeId,
        reason: review.reason,
        proposal: review.proposal,
        userId: input.actor.id,
        now,
      });
    }

    const audit = {
      actor: input.actor,
      entity: "product" as const,
      entityId: cur.id,
      cooperativeId: input.cooperativeId,
      now,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(TRACKED) as Array<
      [keyof typeof TRACKED, (typeof TRACKED)[keyof typeof TRACKED]]
    >) {
      if (p[field] !== cur[column]) {
        before[field] = cur[column];
        after[field] = p[field];
      }
    }
    if ((p.coldChain ? 1 : 0) !== cur.cold_chain) {
      before.coldChain = cur.cold_chain === 1;
      after.coldChain = p.coldChain;
    }
    if (certsChanged) {
      before.certifications = existing;
      after.certifications = plainCerts(p.certifications);
    }
    if (status !== cur.status) {
      before.status = cur.status;
      after.status = status;
    }
    if (Object.keys(after).length) {
      await writeAudit(trx, { ...audit, action: "update", before, after, why: p.why });
    }
    if (priceChanged) {
      await writeAudit(trx, {
        ...audit,
        action: applyPrice ? "price_change" : "price_raise_requested",
        before: { priceFen: cur.price_fen },
        after: { priceFen: p.priceFen },
        why: p.why,
      });
    }
    return { outcome };
  });
}

/**
 * Changes the stock level by `delta` pieces (never below zero) or sets it to a counted
 * `newStock`, with the reason, in the audit log. Orders keep decrementing stock meanwhile,
 * so a delta is applied by the database, not computed from a number read earlier.
 */
export async function adjustStock(
  db: DB,
  input: {
    cooperativeId: number;
    productId: number;
    delta?: number;
    newStock?: number;
    why: string;
    actor: Actor;
    now?: Date;
  },
): Promise<{ before: number; after: number }> {
  const now = input.now ?? new Date();
  const why = input.why.trim();
  if (!why) throw new DomainError("portal.errors.why", 400, {}, "why");
  const { delta, newStock } = input;
  if (delta !== undefined && (!Number.isSafeInteger(delta) || delta === 0)) {
    throw new DomainError("portal.errors.stockDelta", 400, {}, "amount");
  }
  if (
    newStock !== undefined &&
    (!Number.isSafeInteger(newStock) || newStock < 0 || newStock > MAX_STOCK)
  ) {
    throw new DomainError("portal.errors.stockInteger", 400, {}, "amount");
  }
  if ((delta === undefined) === (newStock === undefined)) {
    throw new DomainError("portal.errors.stockMode", 400, {}, "mode");
  }
  return db.transaction().execute(async (trx) => {
    const cur = await scopedProduct(trx, input.cooperativeId, input.productId);
    if (cur.status === "archived") throw new DomainError("portal.errors.archived", 409);
    let after: number;
    if (delta !== undefined) {
      const row = await trx
        .updateTable("products")
        .set({ stock: sql<number>`stock + ${delta}`, updated_at: now.toISOString() })
        .where("id", "=", cur.id)
        .where("cooperative_id", "=", input.cooperativeId)
        .where(sql<boolean>`stock + ${delta} between 0 and ${MAX_STOCK}`)
        .returning("stock")
        .executeTakeFirst();
      if (!row) {
        throw new DomainError(
          cur.stock + delta < 0 ? "portal.errors.stockBelowZero" : "portal.errors.stockRange",
          409,
          { stock: cur.stock },
          "amount",
        );
      }
      after = row.stock;
    } else {
      after = newStock!;
      await trx
        .updateTable("products")
        .set({ stock: after, updated_at: now.toISOString() })
        .where("id", "=", cur.id)
        .where("cooperative_id", "=", input.cooperativeId)
        .execute();
    }
    const before = delta !== undefined ? after - delta : cur.stock;
    await writeAudit(trx, {
      actor: input.actor,
      entity: "product",
      entityId: cur.id,
      cooperativeId: input.cooperativeId,
      action: "stock_adjust",
      before: { stock: before },
      after: { stock: after },
      why,
      now,
    });
    return { before, after };
  });
}

/** Takes a product off sale for good; any review still waiting is withdrawn. */
export async function archiveProduct(
  db: DB,
  input: {
    cooperativeId: number;
    productId: number;
    actor: Actor;
    why?: string | null;
    now?: Date;
  },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const cur = await scopedProduct(trx, input.cooperativeId, input.productId);
    if (cur.status === "archived") return;
    await trx
      .updateTable("products")
      .set({ status: "archived", updated_at: now.toISOString() })
      .where("id", "=", cur.id)
      .where("cooperative_id", "=", input.cooperativeId)
      .execute();
    await trx
      .updateTable("product_reviews")
      .set({ status: "withdrawn" })
      .where("product_id", "=", cur.id)
      .where("status", "=", "pending")
      .execute();
    await writeAudit(trx, {
      actor: input.actor,
      entity: "product",
      entityId: cur.id,
      cooperativeId: input.cooperativeId,
      action: "archive",
      before: { status: cur.status },
      after: { status: "archived" },
      why: input.why ?? null,
      now,
    });
  });
}
