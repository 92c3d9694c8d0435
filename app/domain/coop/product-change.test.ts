// The edit form's plan and audit diff, without a database.
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import {
  assertNotExpired,
  planProductUpdate,
  productAuditRecords,
  sameCerts,
  type CurrentProduct,
} from "./product-change";
import type { CertificationInput, UpdateProductInput } from "./product-input";

const cert: CertificationInput = {
  kind: "aid",
  number: "XNXFBF-2026-0001",
  issuedBy: "西宁市乡村振兴局",
  expiresOn: "2099-12-31",
};

const stored: CurrentProduct = {
  status: "active",
  price_fen: 10000,
  category_code: "meat",
  cold_chain: 1,
  name_zh: "牦牛腱子",
  name_en: "Yak shank",
  summary_zh: "高原放养牦牛。",
  summary_en: "",
  story_zh: "",
  story_en: "",
  unit_zh: "1 千克",
  unit_en: "1 kg",
  shelf_life_days: 180,
  storage_zh: "",
  storage_en: "",
  harvest_season_zh: null,
  harvest_season_en: null,
};

/** The form as submitted when nothing was changed. */
function form(overrides: Partial<UpdateProductInput> = {}): UpdateProductInput {
  return {
    nameZh: "牦牛腱子",
    nameEn: "Yak shank",
    summaryZh: "高原放养牦牛。",
    summaryEn: "",
    storyZh: "",
    storyEn: "",
    category: "meat",
    unitZh: "1 千克",
    unitEn: "1 kg",
    priceFen: 10000,
    shelfLifeDays: 180,
    coldChain: true,
    storageZh: "",
    storageEn: "",
    harvestSeasonZh: null,
    harvestSeasonEn: null,
    certifications: [{ ...cert, row: 0 }],
    why: null,
    ...overrides,
  };
}

describe("planning an edit of an active product", () => {
  it("saves an unchanged form as it is, with nothing to review", () => {
    expect(planProductUpdate(stored, form(), [cert], null)).toEqual({
      outcome: "saved",
      status: "active",
      priceChanged: false,
      applyPrice: false,
      certsChanged: false,
      review: null,
      withdrawPriceRaise: false,
    });
  });

  it("applies a small price change at once and drops a raise still waiting", () => {
    const plan = planProductUpdate(stored, form({ priceFen: 13000, why: "成本" }), [cert], null);
    expect(plan).toMatchObject({
      outcome: "saved",
      status: "active",
      applyPrice: true,
      review: null,
      withdrawPriceRaise: true,
    });
  });

  it("holds a raise above 30% for an officer, keeping the product on sale", () => {
    const plan = planProductUpdate(stored, form({ priceFen: 13001, why: "涨价" }), [cert], null);
    expect(plan).toMatchObject({
      outcome: "priceReview",
      status: "active",
      applyPrice: false,
      review: { reason: "price_raise", proposal: { priceFen: 13001, previousPriceFen: 10000 } },
    });
  });

  it("takes it off sale for a category or certificate change, one review covering a raise", () => {
    const plan = planProductUpdate(
      stored,
      form({ category: "grain", certifications: [], priceFen: 20000, why: "换类" }),
      [cert],
      null,
    );
    expect(plan).toMatchObject({
      outcome: "submitted",
      status: "pending_review",
      applyPrice: true,
      certsChanged: true,
      review: {
        reason: "changed",
        proposal: {
          changed: ["category", "certifications"],
          previousPriceFen: 10000,
          priceFen: 20000,
        },
      },
    });
  });

  it("asks why the price of a product on sale changes", () => {
    expect(() => planProductUpdate(stored, form({ priceFen: 9000 }), [cert], null)).toThrow(
      expect.objectContaining({ code: "portal.errors.whyPrice", field: "why" }),
    );
  });
});

describe("planning an edit of a product off sale", () => {
  const draft: CurrentProduct = { ...stored, status: "draft" };

  it("sends a draft never approved back as new, a sent-back one as changed", () => {
    const never = planProductUpdate(draft, form({ priceFen: 50000 }), [cert], {
      pending: false,
      approved: false,
    });
    expect(never).toMatchObject({
      outcome: "submitted",
      status: "pending_review",
      applyPrice: true,
      review: { reason: "new", proposal: {} },
    });
    const before = planProductUpdate(draft, form({ certifications: [] }), [cert], {
      pending: false,
      approved: true,
    });
    expect(before.review).toEqual({ reason: "changed", proposal: { changed: ["certifications"] } });
  });

  it("opens no second review while one is waiting", () => {
    const pending: CurrentProduct = { ...stored, status: "pending_review" };
    const plan = planProductUpdate(pending, form(), [cert], { pending: true, approved: false });
    expect(plan).toMatchObject({ outcome: "submitted", review: null });
  });
});

describe("the audit diff of an edit", () => {
  it("records each changed field before and after, and the price on its own", () => {
    const edited = form({ nameEn: "Yak shin", coldChain: false, priceFen: 12000, why: "称重" });
    const plan = planProductUpdate(stored, edited, [cert], null);
    expect(productAuditRecords(stored, edited, [cert], plan)).toEqual([
      {
        action: "update",
        before: { nameEn: "Yak shank", coldChain: true },
        after: { nameEn: "Yak shin", coldChain: false },
        why: "称重",
      },
      {
        action: "price_change",
        before: { priceFen: 10000 },
        after: { priceFen: 12000 },
        why: "称重",
      },
    ]);
  });

  it("records a held raise as asked for, and a status change with the certificates", () => {
    const raise = form({ priceFen: 20000, why: "涨价" });
    const held = planProductUpdate(stored, raise, [cert], null);
    expect(productAuditRecords(stored, raise, [cert], held)).toEqual([
      expect.objectContaining({ action: "price_raise_requested", after: { priceFen: 20000 } }),
    ]);
    const noCerts = form({ certifications: [] });
    const off = planProductUpdate(stored, noCerts, [cert], null);
    expect(productAuditRecords(stored, noCerts, [cert], off)).toEqual([
      {
        action: "update",
        before: { certifications: [cert], status: "active" },
        after: { certifications: [], status: "pending_review" },
        why: null,
      },
    ]);
  });

  it("writes nothing for an unchanged form", () => {
    const plan = planProductUpdate(stored, form(), [cert], null);
    expect(productAuditRecords(stored, form(), [cert], plan)).toEqual([]);
  });
});

describe("certificates", () => {
  it("compares them whatever their order", () => {
    const other = { ...cert, kind: "organic" as const, number: "OG-1" };
    expect(sameCerts([cert, other], [other, cert])).toBe(true);
    expect(sameCerts([cert], [{ ...cert, expiresOn: "2098-01-01" }])).toBe(false);
  });

  it("refuses a newly typed expired one but keeps one already on record", () => {
    const now = new Date("2026-11-28T04:00:00Z");
    const old = { ...cert, expiresOn: "2026-01-01" };
    expect(() => assertNotExpired([{ ...old, row: 2 }], [], now)).toThrow(DomainError);
    expect(() => assertNotExpired([{ ...old, row: 2 }], [old], now)).not.toThrow();
  });
});
