// Who a buyer is for the aid pages: the ledger keys that are theirs, their public name, and
// an institution's profile and progress against its yearly reserved share (预留份额).
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { BuyerType, FundingSource } from "#db/schema";
import { NotFoundError } from "~/domain/errors";
import type { AidProfileInput, ThanksInput } from "./buyer-profile-input";

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

/** Everyone who chose to be on the thanks board (爱心榜) and may still sign in. */
export async function loadThanksOptIns(db: DB): Promise<AidBuyer[]> {
  const rows = await db
    .selectFrom("users")
    .select(buyerColumns)
    .where("thanks_opt_in", "=", 1)
    .where("disabled_at", "is", null)
    .execute();
  return rows.map(toBuyer);
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

/** The Shanghai calendar days of a year, both ends included (the ledger's `day` column). */
export function yearDays(year: number): { start: string; end: string } {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Eligible ledger total (refunds included, as negative entries) for these keys and days. */
export async function eligibleTotal(db: DB, keys: string[], days: { start: string; end: string }) {
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
