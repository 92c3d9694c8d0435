// Changing a cooperative's products: create, edit (planned in product-change.ts), stock,
// archive. Every change lands with its audit entry in one transaction.
import { sql, type Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { openReview } from "../aid/reviews.server";
import { nameSearchKeys } from "../catalog/pinyin.server";
import { DomainError } from "../errors";
import { writeAudit, type Actor } from "./audit.server";
import {
  assertNotExpired,
  plainCerts,
  planProductUpdate,
  productAuditRecords,
  type ProductUpdatePlan,
  type ReviewHistory,
  type UpdateOutcome,
} from "./product-change";
import {
  MAX_STOCK,
  type CertificationInput,
  type NewProductInput,
  type UpdateProductInput,
} from "./product-input";
import { productCerts } from "./product-queries.server";

type Trx = Transaction<Database>;

const forbidden = () => new DomainError("portal.errors.forbidden", 403);

/** Shown until the first picture is uploaded. */
export const PLACEHOLDER_IMAGE = "/images/placeholder.svg";

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

/** The columns the product form describes, as a new product and an edit both write them. */
function describedBy(p: NewProductInput | UpdateProductInput) {
  return {
    category_code: p.category,
    name_zh: p.nameZh,
    ...nameSearchKeys(p.nameZh),
    name_en: p.nameEn,
    summary_zh: p.summaryZh,
    summary_en: p.summaryEn,
    story_zh: p.storyZh,
    story_en: p.storyEn,
    unit_zh: p.unitZh,
    unit_en: p.unitEn,
    cold_chain: p.coldChain ? (1 as const) : (0 as const),
    storage_zh: p.storageZh,
    storage_en: p.storageEn,
    shelf_life_days: p.shelfLifeDays,
    harvest_season_zh: p.harvestSeasonZh,
    harvest_season_en: p.harvestSeasonEn,
  };
}

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
        ...describedBy(p),
        price_fen: p.priceFen,
        stock: p.stock,
        status: "pending_review",
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

/** Whether an off-sale product has a review waiting, or was ever approved. */
async function reviewHistory(trx: Trx, productId: number): Promise<ReviewHistory> {
  const find = (status: "pending" | "approved") =>
    trx
      .selectFrom("product_reviews")
      .select("id")
      .where("product_id", "=", productId)
      .where("status", "=", status)
      .executeTakeFirst();
  if (await find("pending")) return { pending: true, approved: false };
  return { pending: false, approved: Boolean(await find("approved")) };
}

interface UpdateInput {
  cooperativeId: number;
  productId: number;
  product: UpdateProductInput;
  actor: Actor;
  now?: Date;
}

/** The writes of a planned edit: the product row, its certificates, its review. */
async function applyProductUpdate(
  trx: Trx,
  target: { id: number; cooperativeId: number; actorId: number | null; now: Date },
  p: UpdateProductInput,
  plan: ProductUpdatePlan,
) {
  const { id, cooperativeId, now } = target;
  if (plan.withdrawPriceRaise) {
    await trx
      .updateTable("product_reviews")
      .set({ status: "withdrawn" })
      .where("product_id", "=", id)
      .where("cooperative_id", "=", cooperativeId)
      .where("status", "=", "pending")
      .where("reason", "=", "price_raise")
      .execute();
  }
  await trx
    .updateTable("products")
    .set({
      ...describedBy(p),
      status: plan.status,
      updated_at: now.toISOString(),
      ...(plan.applyPrice ? { price_fen: p.priceFen } : {}),
    })
    .where("id", "=", id)
    .where("cooperative_id", "=", cooperativeId)
    .execute();
  if (plan.certsChanged) await replaceCerts(trx, id, p.certifications);
  if (plan.review) {
    await openReview(trx, {
      productId: id,
      cooperativeId,
      ...plan.review,
      userId: target.actorId,
      now,
    });
  }
}

/**
 * Saves the edit form: the rules are in planProductUpdate; every applied price change and
 * every raise asked for is in the audit log with its reason.
 */
export async function updateProduct(
  db: DB,
  input: UpdateInput,
): Promise<{ outcome: UpdateOutcome }> {
  const now = input.now ?? new Date();
  const p = input.product;
  return db.transaction().execute(async (trx) => {
    const cur = await scopedProduct(trx, input.cooperativeId, input.productId);
    if (cur.status === "archived") throw new DomainError("portal.errors.archived", 409);
    await assertCategory(trx, p.category);
    const existing = await productCerts(trx, cur.id);
    assertNotExpired(p.certifications, existing, now);
    const history = cur.status === "active" ? null : await reviewHistory(trx, cur.id);
    const plan = planProductUpdate(cur, p, existing, history);
    const target = { id: cur.id, cooperativeId: input.cooperativeId, actorId: input.actor.id, now };
    await applyProductUpdate(trx, target, p, plan);
    for (const record of productAuditRecords(cur, p, existing, plan)) {
      await writeAudit(trx, {
        ...record,
        actor: input.actor,
        entity: "product",
        entityId: cur.id,
        cooperativeId: input.cooperativeId,
        now,
      });
    }
    return { outcome: plan.outcome };
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
