// The admin forms' fixed choices and formats, for the pages and the server. Plain values
// only: no schema is built here, so page bundles stay free of zod (ADR 028).

export const COOPERATIVE_KINDS = ["cooperative", "enterprise", "family_farm"] as const;
export const STAFF_ROLES = ["coop_manager", "aid_officer", "admin", "counter_staff"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Lower-case ASCII words joined by single hyphens: it becomes /cooperatives/:slug. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const FIRST_FOUNDED_YEAR = 1949;
/** The cooperative form's text areas: line breaks are part of the text. */
export const COOPERATIVE_MULTILINE = ["storyZh", "storyEn"] as const;
