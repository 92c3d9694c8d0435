// Who a person is for the aid pages: the ledger keys that are theirs and their public name.
// Institutions are buyers of their own: app/domain/institutions.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { NotFoundError } from "~/domain/errors";
import type { ThanksInput } from "./buyer-profile-input";

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

/** A person as the contribution pages need them: public names and ledger keys. */
export interface AidBuyer extends AidPerson {
  name: string;
  thanksOptIn: boolean;
  thanksName: string | null;
  keys: string[];
}

const buyerColumns = [
  "id",
  "name",
  "phone",
  "phone_verified_at",
  "thanks_opt_in",
  "thanks_name",
] as const;

type BuyerRow = {
  id: number;
  name: string;
  phone: string | null;
  phone_verified_at: string | null;
  thanks_opt_in: 0 | 1;
  thanks_name: string | null;
};

function toBuyer(row: BuyerRow): AidBuyer {
  const person = { id: row.id, phone: row.phone, phoneVerified: row.phone_verified_at != null };
  return {
    ...person,
    name: row.name,
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

/** 王小明 → 王**: the first character only, and never the length of the name. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return `${first ?? ""}**`;
}

/** What others may see of a person: their name masked. (An institution's name is public.) */
export function publicNameOf(buyer: Pick<AidBuyer, "name">): string {
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
