// What saving the product edit form changes, decided without a database: which status the
// product ends in, whether the price applies now, which review opens, and what the audit log
// records. products.server.ts reads the current state, asks here, and writes the answer.
import type { Product, ProductStatus, ReviewReason } from "#db/schema";
import { shanghaiDate } from "~/utils/time";
import { DomainError } from "../errors";
import { certField, type CertificationInput, type UpdateProductInput } from "./product-input";

/** A price raised by more than this share waits for an aid officer (>30%). */
export const PRICE_RAISE_REVIEW_PERCENT = 30;

export type UpdateOutcome =
  /** saved; the product stays as it was in the store */
  | "saved"
  /** saved, and the product waits for an aid officer before it is (again) in the store */
  | "submitted"
  /** saved except the price: the raise waits for an officer; the old price holds until then */
  | "priceReview";

const certKey = (c: CertificationInput) => `${c.kind}|${c.number}|${c.issuedBy}|${c.expiresOn}`;

/** Two sets of certificates hold the same ones, in whatever order. */
export function sameCerts(a: CertificationInput[], b: CertificationInput[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(certKey).sort();
  const y = b.map(certKey).sort();
  return x.every((k, i) => k === y[i]);
}

/** Certificates as the audit log records them (the form's row numbers dropped). */
export const plainCerts = (certs: CertificationInput[]) =>
  certs.map(({ kind, number, issuedBy, expiresOn }) => ({ kind, number, issuedBy, expiresOn }));

/**
 * A certificate typed in (new, or with anything about it changed) must not be expired on
 * today's Shanghai calendar. One already on record and left as it was may stay: the store
 * shows it as expired, and it no longer makes a sale count as aid.
 */
export function assertNotExpired(
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

/** The stored product as the plan and the audit diff need it. */
export type CurrentProduct = Pick<
  Product,
  | "status"
  | "price_fen"
  | "category_code"
  | "cold_chain"
  | "name_zh"
  | "name_en"
  | "summary_zh"
  | "summary_en"
  | "story_zh"
  | "story_en"
  | "unit_zh"
  | "unit_en"
  | "shelf_life_days"
  | "storage_zh"
  | "storage_en"
  | "harvest_season_zh"
  | "harvest_season_en"
>;

/** What is on record about an off-sale product's reviews; not needed for an active one. */
export interface ReviewHistory {
  pending: boolean;
  approved: boolean;
}

export interface ProductUpdatePlan {
  outcome: UpdateOutcome;
  /** the product's status once saved */
  status: ProductStatus;
  priceChanged: boolean;
  /** false while a big raise waits for an officer: the old price holds */
  applyPrice: boolean;
  certsChanged: boolean;
  /** the review to open (opening one withdraws the product's last pending one) */
  review: { reason: ReviewReason; proposal: Record<string, unknown> } | null;
  /** a raise still waiting is moot: the manager settled on another price */
  withdrawPriceRaise: boolean;
}

type PlanCore = Pick<ProductUpdatePlan, "outcome" | "status" | "applyPrice" | "review">;

function planActive(
  cur: CurrentProduct,
  p: UpdateProductInput,
  changed: string[],
  priceChanged: boolean,
): PlanCore & { withdrawPriceRaise: boolean } {
  const same = { status: cur.status, applyPrice: priceChanged, withdrawPriceRaise: false };
  if (changed.length) {
    const price = priceChanged ? { previousPriceFen: cur.price_fen, priceFen: p.priceFen } : {};
    return {
      ...same,
      status: "pending_review",
      outcome: "submitted",
      review: { reason: "changed", proposal: { changed, ...price } },
    };
  }
  const bigRaise = p.priceFen * 100 > cur.price_fen * (100 + PRICE_RAISE_REVIEW_PERCENT);
  if (priceChanged && bigRaise) {
    return {
      ...same,
      applyPrice: false,
      outcome: "priceReview",
      review: {
        reason: "price_raise",
        proposal: { priceFen: p.priceFen, previousPriceFen: cur.price_fen },
      },
    };
  }
  return { ...same, outcome: "saved", review: null, withdrawPriceRaise: priceChanged };
}

/** A draft (e.g. sent back) or pending product goes (back) to the officer as it now stands. */
function planOffSale(changed: string[], priceChanged: boolean, history: ReviewHistory): PlanCore {
  return {
    status: "pending_review",
    outcome: "submitted",
    applyPrice: priceChanged,
    review: history.pending
      ? null
      : {
          reason: history.approved ? "changed" : "new",
          proposal: changed.length ? { changed } : {},
        },
  };
}

/**
 * Saving the edit form. Rules:
 * - On an active product, a change to its certifications or category takes it off sale
 *   (pending_review, review "changed"); a price raised by more than 30% keeps the product on
 *   sale at the old price and opens a "price_raise" review proposing the new one.
 * - A draft or pending product is (re)submitted as it now stands; the price applies directly,
 *   because the product is off sale and the officer approves it whole. The same holds when a
 *   raise comes with a category/certificate change: one "changed" review covers both (a
 *   product has at most one pending review; opening one withdraws the last).
 * - A price change on an active product needs a reason (`why`).
 * `history` is needed only when the product is not active.
 */
export function planProductUpdate(
  cur: CurrentProduct,
  p: UpdateProductInput,
  existingCerts: CertificationInput[],
  history: ReviewHistory | null,
): ProductUpdatePlan {
  const certsChanged = !sameCerts(existingCerts, p.certifications);
  const priceChanged = p.priceFen !== cur.price_fen;
  if (priceChanged && cur.status === "active" && !p.why) {
    throw new DomainError("portal.errors.whyPrice", 400, {}, "why");
  }
  const changed: string[] = [];
  if (p.category !== cur.category_code) changed.push("category");
  if (certsChanged) changed.push("certifications");
  if (cur.status === "active") {
    return { ...planActive(cur, p, changed, priceChanged), priceChanged, certsChanged };
  }
  const core = planOffSale(changed, priceChanged, history ?? { pending: false, approved: false });
  return { ...core, priceChanged, certsChanged, withdrawPriceRaise: false };
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
} as const satisfies Record<string, keyof CurrentProduct>;

export interface AuditRecord {
  action: "update" | "price_change" | "price_raise_requested";
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  why: string | null;
}

/** The fields the edit changes, before and after, as the "update" entry records them. */
function updateDiff(
  cur: CurrentProduct,
  p: UpdateProductInput,
  existingCerts: CertificationInput[],
  plan: ProductUpdatePlan,
) {
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
  if (plan.certsChanged) {
    before.certifications = existingCerts;
    after.certifications = plainCerts(p.certifications);
  }
  if (plan.status !== cur.status) {
    before.status = cur.status;
    after.status = plan.status;
  }
  return { before, after };
}

/**
 * The audit entries of a saved edit: one "update" with every other field that changed (if
 * any did), and one for the price, applied or asked for, each with the manager's reason.
 */
export function productAuditRecords(
  cur: CurrentProduct,
  p: UpdateProductInput,
  existingCerts: CertificationInput[],
  plan: ProductUpdatePlan,
): AuditRecord[] {
  const records: AuditRecord[] = [];
  const { before, after } = updateDiff(cur, p, existingCerts, plan);
  if (Object.keys(after).length) records.push({ action: "update", before, after, why: p.why });
  if (plan.priceChanged) {
    records.push({
      action: plan.applyPrice ? "price_change" : "price_raise_requested",
      before: { priceFen: cur.price_fen },
      after: { priceFen: p.priceFen },
      why: p.why,
    });
  }
  return records;
}
