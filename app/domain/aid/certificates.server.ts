// Numbered contribution certificates: a person's eligible total for a year, as the ledger
// had it when issued, which anyone holding the code can check against the ledger now.
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { DomainError, NotFoundError } from "~/domain/errors";
import { shanghaiYear } from "~/utils/time";
import { institutionKey, institutionOf } from "~/domain/institutions/institutions.server";
import {
  buyerKeysOf,
  eligibleTotal,
  loadBuyer,
  publicNameOf,
  yearDays,
} from "./buyer-profile.server";

/** The first year of the Nanjing–Xining pairing; nothing is certified before it. */
export const FIRST_AID_YEAR = 2016;

function assertYear(year: number, now: Date): void {
  if (!Number.isInteger(year) || year < FIRST_AID_YEAR || year > shanghaiYear(now)) {
    throw new DomainError("contrib.errors.year", 400, {}, "year");
  }
}

/** The years a person may ask a certificate for: those their eligible entries add up in. */
export function certifiableYears(years: ReadonlyArray<{ year: number; fen: number }>): number[] {
  return years.filter((y) => y.fen > 0).map((y) => y.year);
}

/** No 0/O, 1/I: a code read aloud or typed from paper comes out right. */
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_RE = /^SH-CERT-(\d{4})-([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})$/;

/** SH-CERT-2026-XXXXX-XXXXX: 10 random characters of 32, i.e. 50 bits, unguessable. */
export function newCertificateCode(year: number): string {
  const bytes = crypto.randomBytes(10);
  // 256 is a multiple of 32, so every character is equally likely
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!).join("");
  return `SH-CERT-${year}-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Forgives case and stray spaces; null for anything that cannot be a code. */
export function normalizeCertificateCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/\s+/g, "");
  return CODE_RE.test(code) ? code : null;
}

export interface Certificate {
  code: string;
  displayName: string;
  /** issued to an institution (in its name), not to a person */
  institution: boolean;
  year: number;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  issuedAt: string;
}

const certificateColumns = [
  "code",
  "institution_id",
  "display_name",
  "period_start",
  "period_end",
  "amount_fen",
  "issued_at",
] as const;

function toCertificate(row: {
  code: string;
  institution_id: number | null;
  display_name: string;
  period_start: string;
  period_end: string;
  amount_fen: number;
  issued_at: string;
}): Certificate {
  return {
    code: row.code,
    displayName: row.display_name,
    institution: row.institution_id != null,
    year: Number(row.period_start.slice(0, 4)),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    amountFen: row.amount_fen,
    issuedAt: row.issued_at,
  };
}

/** Whose total a certificate states: the person, or the institution they buy for. */
async function holderOf(db: DB, userId: number, forInstitution: boolean) {
  if (forInstitution) {
    const institution = await institutionOf(db, userId);
    if (!institution) throw new DomainError("institutions.errors.notMember", 403);
    return {
      keys: [institutionKey(institution.id)],
      buyerKey: institutionKey(institution.id),
      institutionId: institution.id,
      // an institution's name is public: it is the name on the certificate
      displayName: institution.name,
    };
  }
  const buyer = await loadBuyer(db, userId);
  return {
    keys: buyer.keys,
    buyerKey: `user:${buyer.id}`,
    institutionId: null,
    displayName: publicNameOf(buyer),
  };
}

/**
 * Certifies an eligible total for a Shanghai calendar year, as the ledger has it now: the
 * person's own, or (asked by one of its members) the institution's, issued in its name.
 * Asking again gives the same certificate while the amount is unchanged, and a new number
 * once it has moved (a refund, or more purchases in a year still running).
 */
export async function issueCertificate(
  db: DB,
  input: { user: { id: number }; year: number; forInstitution?: boolean },
  now = new Date(),
): Promise<Certificate & { reused: boolean }> {
  assertYear(input.year, now);
  const days = yearDays(input.year);
  return db.transaction().execute(async (trx) => {
    const holder = await holderOf(trx, input.user.id, input.forInstitution ?? false);
    const amountFen = await eligibleTotal(trx, holder.keys, days);
    if (amountFen <= 0) throw new DomainError("contrib.errors.nothing", 409, {}, "year");
    let latestQuery = trx
      .selectFrom("contribution_certificates")
      .select(certificateColumns)
      .where("period_start", "=", days.start);
    latestQuery =
      holder.institutionId != null
        ? latestQuery.where("institution_id", "=", holder.institutionId)
        : latestQuery.where("user_id", "=", input.user.id).where("institution_id", "is", null);
    const latest = await latestQuery
      .orderBy("issued_at", "desc")
      .orderBy("code")
      .executeTakeFirst();
    if (latest && latest.amount_fen === amountFen) {
      return { ...toCertificate(latest), reused: true };
    }
    const row = {
      code: newCertificateCode(input.year),
      buyer_key: holder.buyerKey,
      user_id: input.user.id,
      institution_id: holder.institutionId,
      display_name: holder.displayName,
      period_start: days.start,
      period_end: days.end,
      amount_fen: amountFen,
      issued_at: now.toISOString(),
    };
    await trx.insertInto("contribution_certificates").values(row).execute();
    return { ...toCertificate(row), reused: false };
  });
}

/**
 * The certificates a person may open: their own, and those of the institution they buy for
 * now (whoever of its members asked), newest first.
 */
async function certificatesOf(db: DB, userId: number) {
  const institution = await institutionOf(db, userId);
  return db
    .selectFrom("contribution_certificates")
    .select(certificateColumns)
    .where((eb) => {
      const own = eb.and([eb("user_id", "=", userId), eb("institution_id", "is", null)]);
      return institution ? eb.or([own, eb("institution_id", "=", institution.id)]) : own;
    });
}

/** The person's certificates and their institution's, newest first. */
export async function listCertificates(db: DB, user: { id: number }) {
  const rows = await (
    await certificatesOf(db, user.id)
  )
    .orderBy("issued_at", "desc")
    .orderBy("code")
    .limit(50)
    .execute();
  return rows.map(toCertificate);
}

/** One certificate the person may open, for printing; anyone else's is "not found". */
export async function ownCertificate(db: DB, user: { id: number }, rawCode: string) {
  const code = normalizeCertificateCode(rawCode);
  const row = code
    ? await (await certificatesOf(db, user.id)).where("code", "=", code).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError("certificate");
  const certificate = toCertificate(row);
  return {
    ...certificate,
    /** the full name printed: the institution's as issued, or the person's own */
    holderName: certificate.institution
      ? certificate.displayName
      : (await loadBuyer(db, user.id)).name,
  };
}

/**
 * Where a certificate's amount went, as the ledger has it now: by county (with its paired
 * district), and each gift box by name with its split across the counties (ADR 044). Shown
 * with a certificate while the ledger still matches it. Amounts only: nothing personal.
 */
export interface CertificateBreakdown {
  counties: Array<{ code: string; name: string; pairedDistrict: string | null; fen: number }>;
  boxes: Array<{
    id: number;
    name: string;
    fen: number;
    counties: Array<{ code: string; name: string; fen: number }>;
  }>;
}

export async function certificateBreakdown(
  db: DB,
  keys: string[],
  days: { start: string; end: string },
  locale: Locale = "zh-CN",
): Promise<CertificateBreakdown> {
  if (!keys.length) return { counties: [], boxes: [] };
  const l = lang(locale);
  const rows = await db
    .selectFrom("aid_ledger as a")
    .leftJoin("counties as y", "y.code", "a.county_code")
    .leftJoin("products as b", "b.id", "a.bundle_product_id")
    .select((eb) => [
      "a.county_code",
      "a.bundle_product_id",
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
      sql.ref<string | null>(`b.name_${l}`).as("box_name"),
      eb.fn.sum<number>("a.amount_fen").as("fen"),
    ])
    .where("a.buyer_key", "in", keys)
    .where("a.day", ">=", days.start)
    .where("a.day", "<=", days.end)
    .where("a.eligible", "=", 1)
    // the joined rows' keys too, so PostgreSQL knows their names are one per group
    .groupBy(["a.county_code", "a.bundle_product_id", "y.code", "b.id"])
    .execute();
  const counties = new Map<string, CertificateBreakdown["counties"][number]>();
  const boxes = new Map<number, CertificateBreakdown["boxes"][number]>();
  for (const r of rows) {
    const fen = Number(r.fen);
    const name = r.county_name ?? r.county_code;
    const county = counties.get(r.county_code) ?? {
      code: r.county_code,
      name,
      pairedDistrict: r.paired_district,
      fen: 0,
    };
    county.fen += fen;
    counties.set(r.county_code, county);
    if (r.bundle_product_id == null) continue;
    const box = boxes.get(r.bundle_product_id) ?? {
      id: r.bundle_product_id,
      name: r.box_name ?? `#${r.bundle_product_id}`,
      fen: 0,
      counties: [],
    };
    box.fen += fen;
    if (fen !== 0) box.counties.push({ code: r.county_code, name, fen });
    boxes.set(r.bundle_product_id, box);
  }
  const largest = <T extends { fen: number; code?: string; name: string }>(a: T, b: T) =>
    b.fen - a.fen || a.name.localeCompare(b.name);
  return {
    counties: [...counties.values()].filter((c) => c.fen !== 0).sort(largest),
    boxes: [...boxes.values()]
      .filter((b) => b.fen !== 0)
      .map((b) => ({ ...b, counties: b.counties.sort(largest) }))
      .sort(largest),
  };
}

export type CertificateCheck = "matches" | "lower" | "higher";

/**
 * Public verification: the certificate as issued against the ledger now. Returns only the
 * masked name, the period and amounts: no contacts, order numbers or ledger keys.
 */
export async function verifyCertificate(db: DB, rawCode: string, locale: Locale = "zh-CN") {
  const code = normalizeCertificateCode(rawCode);
  const row = code
    ? await db
        .selectFrom("contribution_certificates")
        .select([...certificateColumns, "user_id", "buyer_key"])
        .where("code", "=", code)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError("certificate");
  let keys = [row.buyer_key];
  // a person's keys may have grown (a phone verified since); an institution's is its own
  if (row.user_id != null && row.institution_id == null) {
    const user = await db
      .selectFrom("users")
      .select(["id", "phone", "phone_verified_at"])
      .where("id", "=", row.user_id)
      .executeTakeFirst();
    if (user) {
      keys = buyerKeysOf({
        id: user.id,
        phone: user.phone,
        phoneVerified: user.phone_verified_at != null,
      });
    }
  }
  const days = { start: row.period_start, end: row.period_end };
  const [currentFen, breakdown] = await Promise.all([
    eligibleTotal(db, keys, days),
    certificateBreakdown(db, keys, days, locale),
  ]);
  const { code: _c, ...cert } = toCertificate(row);
  const check: CertificateCheck =
    currentFen === row.amount_fen ? "matches" : currentFen < row.amount_fen ? "lower" : "higher";
  return {
    code: row.code,
    displayName: cert.displayName,
    institution: cert.institution,
    year: cert.year,
    periodStart: cert.periodStart,
    periodEnd: cert.periodEnd,
    issuedAt: cert.issuedAt,
    issuedFen: cert.amountFen,
    currentFen,
    matches: check === "matches",
    check,
    /** where the amount went, as the ledger has it now (shown while it matches) */
    breakdown,
  };
}
