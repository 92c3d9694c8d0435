// Lists the institution pages show; no zod here, so pages can import it cheaply (ADR 028).

/** 预算单位, 国企, 民企, 工会: the buyer types that are institutions. */
export const INSTITUTION_TYPES = ["gov_unit", "soe", "private_enterprise", "union"] as const;
export type InstitutionTypeName = (typeof INSTITUTION_TYPES)[number];

/** A person may buy for themselves or, as one of its purchasers, for their institution. */
export const BUY_AS = ["self", "institution"] as const;

/** The columns the aid office may sort the reserved-share table by. */
export const SHARE_SORTS = ["name", "reserved", "spent", "left", "percent"] as const;
export type ShareSort = (typeof SHARE_SORTS)[number];
