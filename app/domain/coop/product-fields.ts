// The product form's choices, limits and field names, for the page and the server. Plain
// values only: no schema is built here, so page bundles stay free of zod (ADR 028).

export const CERT_KINDS = [
  "aid",
  "green_food",
  "organic",
  "geo_indication",
  "sc_license",
  "quality",
  "quarantine",
  "heritage",
] as const;
export type CertKind = (typeof CERT_KINDS)[number];

/**
 * Certificates travel as flat, numbered fields (`cert.0.kind`, `cert.0.number`, …) so a page
 * without JavaScript can offer a fixed number of rows, and so each field's error lands beside
 * that field (parseForm keys errors by the first path segment). A row left blank is no
 * certificate; clearing a row removes it.
 */
export const MAX_CERTS = 6;
export const CERT_FIELDS = ["kind", "number", "issuedBy", "expiresOn"] as const;
export const certField = (row: number, field: (typeof CERT_FIELDS)[number]) =>
  `cert.${row}.${field}`;

export const MAX_PRICE_FEN = 99_999_999; // ¥999,999.99
export const MAX_STOCK = 1_000_000;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The product form's text areas: line breaks are part of the text. */
export const PRODUCT_MULTILINE = ["storyZh", "storyEn"] as const;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
