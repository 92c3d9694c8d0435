// What a buyer gave, read from the aid ledger: their totals, numbered contribution
// certificates anyone can verify, the public thanks board (爱心榜), the home page figure and
// an institution's progress against its yearly reserved share (预留份额).
import { yuanToFen } from "~/utils/money";
import { lang, type Locale } from "~/i18n/config";
import crypto from "node:crypto";
import { sql } from "kysely";
import { z } from "zod";
import type { DB } from "#db/connection";
import type { BuyerType, FundingSource } from "#db/schema";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { DomainError, NotFoundError } from "~/domain/errors";
import { shanghaiYear } from "~/utils/time";

/** The first year of the Nanjing–Xining pairing; nothing is certified before it. */
export const FIRST_AID_YEAR = 2016;

// ---------------------------------------------------------------------------------------
// Whose entries are a person's

/** What the rule needs to know about a person. `SessionUser` fits as it is. */
export interface AidPerson {
  id: number;
  phone: string | null;
  phoneVerified: boolean;
}

/**
 * THE rule for a person's ledger entries: orders placed while signed in carry
 * `user:<id>`; guest orders keep `phone:<mobile>` even after the person claims them, so
 * their verified phone counts too. An unverified phone does not: anyone can type anyone's
 * number at checkout. Phones are unique among users, so no entry counts for two people.
 */
export function buyerKeysOf(person: AidPerson): string[] {
  const keys = [`user:${person.id}`];
  if (person.phone && person.phoneVerified) keys.push(`phone:${person.phone}`);
  return keys;
}

/** A buyer as the contribution pages need them: profile, public names and ledger keys. */
export interface AidBuyer extends AidPerson {
  name: string;
  buyerType: BuyerType;
  orgName: string | null;
  fundingSource: FundingSource | null;
  reservedShareFen: number | null;
  thanksOptIn: boolean;
  thanksName: string | null;
  keys: string[];
}

const buyerColumns = [
  "id",
  "name",
  "phone",
  "phone_verified_at",
  "buyer_type",
  "org_name",
  "funding_source",
  "reserved_share_fen",
  "thanks_opt_in",
  "thanks_name",
] as const;

type BuyerRow = {
  id: number;
  name: string;
  phone: string | null;
  phone_verified_at: string | null;
  buyer_type: BuyerType;
  org_name: string | null;
  funding_source: FundingSource | null;
  reserved_share_fen: number | null;
  thanks_opt_in: 0 | 1;
  thanks_name: string | null;
};

function toBuyer(row: BuyerRow): AidBuyer {
  const person = { id: row.id, phone: row.phone, phoneVerified: row.phone_verified_at != null };
  return {
    ...person,
    name: row.name,
    buyerType: row.buyer_type,
    orgName: row.org_name,
    fundingSource: row.funding_source,
    reservedShareFen: row.reserved_share_fen,
    thanksOptIn: row.thanks_opt_in === 1,
    thanksName: row.thanks_name,
    keys: buyerKeysOf(person),
  };
}

/** Reads the person afresh (a contact may have been verified since the session began). */
export async function loadBuyer(db: DB, userId: number): Promise<AidBuyer> {
  const row = await db
    .selectFrom("users")
    .select(buyerColumns)
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user");
  return toBuyer(row);
}

export const isInstitution = (buyerType: BuyerType) => buyerType !== "individual";

/** 王小明 → 王**: the first character only, and never the length of the name. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return `${first ?? ""}**`;
}

/** What others may see: an institution's name in full (it is public), a person's masked. */
export function publicNameOf(buyer: Pick<AidBuyer, "name" | "buyerType" | "orgName">): string {
  if (isInstitution(buyer.buyerType) && buyer.orgName) return buyer.orgName;
  return maskName(buyer.name);
}

// ---------------------------------------------------------------------------------------
// Periods

/** The Shanghai calendar days of a year, both ends included (the ledger's `day` column). */
export function yearDays(year: number): { start: string; end: string } {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

function assertYear(year: number, now: Date): void {
  if (!Number.isInteger(year) || year < FIRST_AID_YEAR || year > shanghaiYear(now)) {
    throw new DomainError("contrib.errors.year", 400, {}, "year");
  }
}

/** Eligible ledger total (refunds included, as negative entries) for these keys and days. */
async function eligibleTotal(db: DB, keys: string[], days: { start: string; end: string }) {
  if (!keys.length) return 0;
  const row = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), sql<number>`0`).as("fen"))
    .where("buyer_key", "in", keys)
    .where("day", ">=", days.start)
    .where("day", "<=", days.end)
    .where("eligible", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

// ---------------------------------------------------------------------------------------
// My aid

export interface CountyTotal {
  code: string;
  name: string;
  pairedDistrict: string | null;
  fen: number;
}

export async function myAid(
  db: DB,
  user: { id: number },
  options: { locale?: Locale; recent?: number } = {},
) {
  const l = lang(options.locale ?? "zh-CN");
  const buyer = await loadBuyer(db, user.id);
  const [grouped, countyRows] = await Promise.all([
    db
      .selectFrom("aid_ledger")
      .select((eb) => [
        sql<string>`substr(day, 1, 4)`.as("year"),
        "county_code",
        eb.fn.sum<number>("amount_fen").as("fen"),
      ])
      .where("buyer_key", "in", buyer.keys)
      .where("eligible", "=", 1)
      .groupBy([sql`substr(day, 1, 4)`, "county_code"])
      .execute(),
    db
      .selectFrom("counties")
      .select([
        "code",
        sql.ref<string>(`name_${l}`).as("name"),
        sql.ref<string | null>(`paired_district_${l}`).as("paired_district"),
      ])
      .execute(),
  ]);
  const countyNames = new Map(countyRows.map((c) => [c.code, c]));

  const years = new Map<number, number>();
  const counties = new Map<string, CountyTotal>();
  const yearCounties: Array<CountyTotal & { year: number }> = [];
  let totalFen = 0;
  for (const row of grouped) {
    const fen = Number(row.fen);
    const year = Number(row.year);
    const known = countyNames.get(row.county_code);
    const county = {
      code: row.county_code,
      name: known?.name ?? row.county_code,
      pairedDistrict: known?.paired_district ?? null,
    };
    totalFen += fen;
    years.set(year, (years.get(year) ?? 0) + fen);
    const c = counties.get(county.code) ?? { ...county, fen: 0 };
    c.fen += fen;
    counties.set(county.code, c);
    yearCounties.push({ ...county, year, fen });
  }
  const byFen = (a: { fen: number; code: string }, b: { fen: number; code: string }) =>
    b.fen - a.fen || a.code.localeCompare(b.code);

  const recent = await db
    .selectFrom("aid_ledger as a")
    .innerJoin("orders as o", "o.id", "a.order_id")
    .leftJoin("products as p", "p.id", "a.product_id")
    .leftJoin("counties as y", "y.code", "a.county_code")
    .select([
      "a.id",
      "a.entry_type",
      "a.amount_fen",
      "a.occurred_at",
      "o.number as order_number",
      sql.ref<string | null>(`p.name_${l}`).as("product_name"),
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
    ])
    .where("a.buyer_key", "in", buyer.keys)
    .where("a.eligible", "=", 1)
    .orderBy("a.id", "desc")
    .limit(options.recent ?? 20)
    .execute();

  return {
    totalFen,
    years: [...years].map(([year, fen]) => ({ year, fen })).sort((a, b) => b.year - a.year),
    counties: [...counties.values()].sort(byFen),
    yearCounties: yearCounties.sort((a, b) => b.year - a.year || byFen(a, b)),
    recent: recent.map((r) => ({
      id: r.id,
      type: r.entry_type,
      amountFen: r.amount_fen,
      occurredAt: r.occurred_at,
      orderNumber: r.order_number,
      productName: r.product_name ?? "",
      countyName: r.county_name ?? "",
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Certificates

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
  year: number;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  issuedAt: string;
}

const certificateColumns = [
  "code",
  "display_name",
  "period_start",
  "period_end",
  "amount_fen",
  "issued_at",
] as const;

function toCertificate(row: {
  code: string;
  display_name: string;
  period_start: string;
  period_end: string;
  amount_fen: number;
  issued_at: string;
}): Certificate {
  return {
    code: row.code,
    displayName: row.display_name,
    year: Number(row.period_start.slice(0, 4)),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    amountFen: row.amount_fen,
    issuedAt: row.issued_at,
  };
}

/**
 * Certifies the person's eligible total for a Shanghai calendar year, as the ledger has it
 * now. Asking again gives the same certificate while the amount is unchanged, and a new
 * number once it has moved (a refund, or more purchases in a year still running).
 */
export async function issueCertificate(
  db: DB,
  input: { user: { id: number }; year: number },
  now = new Date(),
): Promise<Certificate & { reused: boolean }> {
  assertYear(input.year, now);
  const days = yearDays(input.year);
  return db.transaction().execute(async (trx) => {
    const buyer = await loadBuyer(trx, input.user.id);
    const amountFen = await eligibleTotal(trx, buyer.keys, days);
    if (amountFen <= 0) throw new DomainError("contrib.errors.nothing", 409, {}, "year");
    const latest = await trx
      .selectFrom("contribution_certificates")
      .select(certificateColumns)
      .where("user_id", "=", buyer.id)
      .where("period_start", "=", days.start)
      .orderBy("issued_at", "desc")
      .orderBy("code")
      .executeTakeFirst();
    if (latest && latest.amount_fen === amountFen) {
      return { ...toCertificate(latest), reused: true };
    }
    const row = {
      code: newCertificateCode(input.year),
      buyer_key: `user:${buyer.id}`,
      user_id: buyer.id,
      display_name: publicNameOf(buyer),
      period_start: days.start,
      period_end: days.end,
      amount_fen: amountFen,
      issued_at: now.toISOString(),
    };
    await trx.insertInto("contribution_certificates").values(row).execute();
    return { ...toCertificate(row), reused: false };
  });
}

/** The person's own certificates, newest first. */
export async function listCertificates(db: DB, user: { id: number }) {
  const rows = await db
    .selectFrom("contribution_certificates")
    .select(certificateColumns)
    .where("user_id", "=", user.id)
    .orderBy("issued_at", "desc")
    .orderBy("code")
    .limit(50)
    .execute();
  return rows.map(toCertificate);
}

/** One of the person's own certificates, for printing; someone else's is "not found". */
export async function ownCertificate(db: DB, user: { id: number }, rawCode: string) {
  const code = normalizeCertificateCode(rawCode);
  const row = code
    ? await db
        .selectFrom("contribution_certificates")
        .select(certificateColumns)
        .where("code", "=", code)
        .where("user_id", "=", user.id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError("certificate");
  const buyer = await loadBuyer(db, user.id);
  return {
    ...toCertificate(row),
    /** the full name the owner prints; the public page only ever shows displayName */
    holderName: isInstitution(buyer.buyerType) && buyer.orgName ? buyer.orgName : buyer.name,
  };
}

export type CertificateCheck = "matches" | "lower" | "higher";

/**
 * Public verification: the certificate as issued against the ledger now. Returns only the
 * masked name, the period and amounts: no contacts, order numbers or ledger keys.
 */
export async function verifyCertificate(db: DB, rawCode: string) {
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
  if (row.user_id != null) {
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
  const currentFen = await eligibleTotal(db, keys, {
    start: row.period_start,
    end: row.period_end,
  });
  const { code: _c, ...cert } = toCertificate(row);
  const check: CertificateCheck =
    currentFen === row.amount_fen ? "matches" : currentFen < row.amount_fen ? "lower" : "higher";
  return {
    code: row.code,
    displayName: cert.displayName,
    year: cert.year,
    periodStart: cert.periodStart,
    periodEnd: cert.periodEnd,
    issuedAt: cert.issuedAt,
    issuedFen: cert.amountFen,
    currentFen,
    matches: check === "matches",
    check,
  };
}

// ---------------------------------------------------------------------------------------
// The thanks board (爱心榜)

const KEY_CHUNK = 400;

/**
 * Buyers who chose to be listed, with their eligible total for the year, largest first.
 * Only the name they chose (or their masked name, or an institution's name) is shown.
 */
export async function thanksBoard(db: DB, year: number, limit = 100) {
  const rows = await db
    .selectFrom("users")
    .select(buyerColumns)
    .where("thanks_opt_in", "=", 1)
    .where("disabled_at", "is", null)
    .execute();
  if (!rows.length) return [];
  const buyers = rows.map(toBuyer);
  const owner = new Map<string, number>();
  for (const b of buyers) for (const key of b.keys) owner.set(key, b.id);
  const totals = new Map<number, number>();
  const keys = [...owner.keys()];
  const days = yearDays(year);
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const sums = await db
      .selectFrom("aid_ledger")
      .select((eb) => ["buyer_key", eb.fn.sum<number>("amount_fen").as("fen")])
      .where("buyer_key", "in", keys.slice(i, i + KEY_CHUNK))
      .where("day", ">=", days.start)
      .where("day", "<=", days.end)
      .where("eligible", "=", 1)
      .groupBy("buyer_key")
      .execute();
    for (const s of sums) {
      const id = owner.get(s.buyer_key)!;
      totals.set(id, (totals.get(id) ?? 0) + Number(s.fen));
    }
  }
  return buyers
    .map((b) => ({ id: b.id, buyer: b, fen: totals.get(b.id) ?? 0 }))
    .filter((e) => e.fen > 0)
    .sort((a, b) => b.fen - a.fen || a.id - b.id)
    .slice(0, limit)
    .map((e, i) => ({
      rank: i + 1,
      name: e.buyer.thanksName || publicNameOf(e.buyer),
      institution: isInstitution(e.buyer.buyerType),
      fen: e.fen,
    }));
}

// ---------------------------------------------------------------------------------------
// The home page figure

export interface HomeAidSummary {
  fen: number;
  cooperatives: number;
  orders: number;
}

/**
 * This year's eligible aid total, cooperatives reached (positive eligible total this year)
 * and orders with eligible sales (counted the day they were paid, as on the aid dashboard).
 * All from the rollups kept with the ledger; nothing here scans entries.
 */
export async function homeAidSummary(db: DB, year: number): Promise<HomeAidSummary> {
  const days = yearDays(year);
  const perCooperative = await db
    .selectFrom("aid_rollup_daily")
    .select((eb) => [
      "cooperative_id",
      eb.fn.sum<number>("amount_fen").as("fen"),
      eb.fn.sum<number>("entries").as("entries"),
    ])
    .where("day", ">=", days.start)
    .where("day", "<=", days.end)
    .where("eligible", "=", 1)
    .groupBy("cooperative_id")
    .execute();
  let fen = 0;
  let entries = 0;
  let cooperatives = 0;
  for (const row of perCooperative) {
    fen += Number(row.fen);
    entries += Number(row.entries);
    if (Number(row.fen) > 0) cooperatives += 1;
  }
  if (!entries) return { fen, cooperatives, orders: 0 };
  // orders with eligible sales, counted on the day they were paid (the dashboard's meaning)
  const orders = await db
    .selectFrom("aid_orders_daily")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("orders"), sql<number>`0`).as("n"))
    .where("day", ">=", days.start)
    .where("day", "<=", days.end)
    .where("eligible", "=", 1)
    .executeTakeFirstOrThrow();
  return { fen, cooperatives, orders: Number(orders.n) };
}

// ---------------------------------------------------------------------------------------
// Institutions: profile and reserved share

export async function reservedShareProgress(
  db: DB,
  user: { id: number },
  year: number,
  // the buyer, when the caller has just loaded them
  loaded?: AidBuyer,
) {
  const buyer = loaded ?? (await loadBuyer(db, user.id));
  if (!isInstitution(buyer.buyerType)) return null;
  const achievedFen = await eligibleTotal(db, buyer.keys, yearDays(year));
  const targetFen = buyer.reservedShareFen;
  if (!targetFen) return { year, targetFen: null, achievedFen, remainingFen: null, percent: null };
  return {
    year,
    targetFen,
    achievedFen,
    remainingFen: Math.max(0, targetFen - achievedFen),
    /** whole percent, floored: 99.9% is not yet done */
    percent: Math.max(0, Math.floor((achievedFen * 100) / targetFen)),
  };
}

export const aidProfileSchema = z
  .object({
    buyerType: z.enum(BUYER_TYPES, { error: "contrib.errors.buyerType" }),
    orgName: z
      .string()
      .trim()
      .max(80, "contrib.errors.orgName")
      .optional()
      .transform((v) => v || null),
    fundingSource: z
      .union([z.enum(FUNDING_SOURCES), z.literal("")], { error: "contrib.errors.fundingSource" })
      .optional()
      .transform((v) => v || null),
    reservedShareYuan: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .transform((v, ctx) => {
    if (v.buyerType === "individual") {
      return { buyerType: v.buyerType, orgName: null, fundingSource: null, reservedShareFen: null };
    }
    if (!v.orgName || v.orgName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["orgName"], message: "contrib.errors.orgName" });
    }
    if (!v.fundingSource) {
      ctx.addIssue({
        code: "custom",
        path: ["fundingSource"],
        message: "contrib.errors.fundingSource",
      });
    }
    let reservedShareFen: number | null = null;
    if (v.reservedShareYuan) {
      reservedShareFen = yuanToFen(v.reservedShareYuan);
      if (!reservedShareFen) {
        ctx.addIssue({
          code: "custom",
          path: ["reservedShareYuan"],
          message: "contrib.errors.reservedShare",
        });
      }
    }
    return {
      buyerType: v.buyerType,
      orgName: v.orgName,
      fundingSource: v.fundingSource,
      reservedShareFen,
    };
  });

export type AidProfileInput = z.output<typeof aidProfileSchema>;

export async function updateAidProfile(
  db: DB,
  user: { id: number },
  input: AidProfileInput,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      buyer_type: input.buyerType,
      org_name: input.orgName,
      funding_source: input.fundingSource,
      reserved_share_fen: input.reservedShareFen,
      updated_at: now.toISOString(),
    })
    .where("id", "=", user.id)
    .execute();
}

/** A chosen name may not carry contacts onto a public page: no phone-like digits, no email. */
const CONTACT_LIKE = /\d{5,}|@/;

export const thanksSchema = z.object({
  optIn: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
  thanksName: z
    .string()
    .trim()
    .max(20, "contrib.errors.thanksName")
    .refine((v) => !CONTACT_LIKE.test(v.replace(/[\s-]/g, "")), "contrib.errors.thanksName")
    .optional()
    .transform((v) => v || null),
});

export type ThanksInput = z.output<typeof thanksSchema>;

export async function updateThanks(
  db: DB,
  user: { id: number },
  input: ThanksInput,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      thanks_opt_in: input.optIn ? 1 : 0,
      thanks_name: input.thanksName,
      updated_at: now.toISOString(),
    })
    .where("id", "=", user.id)
    .execute();
}
