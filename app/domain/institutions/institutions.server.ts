// Institution accounts (ADR 042): an institution buys as itself, through the people it names
// as purchasers. Its orders carry its id and its ledger entries the key `org:<id>`, so every
// purchaser's order counts towards the one reserved share.
import type { DB } from "#db/connection";
import type { FundingSource, InstitutionRole, InstitutionType } from "#db/schema";
import { eligibleTotal, yearDays } from "~/domain/aid/buyer-profile.server";
import { parseLogin } from "~/domain/auth/accounts.server";
import { DomainError } from "~/domain/errors";
import type { InstitutionInput } from "./institution-input";

/** The ledger key of everything bought for the institution. */
export const institutionKey = (id: number) => `org:${id}`;

/** An institution as one of its members sees it. */
export interface MemberInstitution {
  id: number;
  name: string;
  creditCode: string | null;
  type: InstitutionType;
  fundingSource: FundingSource;
  reservedShareFen: number | null;
  thanksOptIn: boolean;
  /** the viewer's role in it */
  role: InstitutionRole;
}

/** The institution the person buys for, with their role; null when they belong to none. */
export async function institutionOf(db: DB, userId: number): Promise<MemberInstitution | null> {
  const row = await db
    .selectFrom("institution_members as m")
    .innerJoin("institutions as i", "i.id", "m.institution_id")
    .select([
      "i.id",
      "i.name",
      "i.credit_code",
      "i.type",
      "i.funding_source",
      "i.reserved_share_fen",
      "i.thanks_opt_in",
      "m.role",
    ])
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    type: row.type,
    fundingSource: row.funding_source,
    reservedShareFen: row.reserved_share_fen,
    thanksOptIn: row.thanks_opt_in === 1,
    role: row.role,
  };
}

async function requireAdminOf(db: DB, userId: number): Promise<MemberInstitution> {
  const institution = await institutionOf(db, userId);
  if (!institution || institution.role !== "admin") {
    throw new DomainError("institutions.errors.notAdmin", 403);
  }
  return institution;
}

/** A code another institution already holds is refused beside the field. */
async function assertCodeFree(db: DB, code: string, exceptId: number | null) {
  let query = db.selectFrom("institutions").select("id").where("credit_code", "=", code);
  if (exceptId != null) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst()) {
    throw new DomainError("institutions.errors.creditCodeTaken", 409, {}, "creditCode");
  }
}

/** Registers an institution with the person as its first administrator. */
export async function createInstitution(
  db: DB,
  userId: number,
  input: InstitutionInput,
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (await institutionOf(trx, userId)) {
      throw new DomainError("institutions.errors.alreadyMember", 409);
    }
    await assertCodeFree(trx, input.creditCode, null);
    const stamp = now.toISOString();
    const { id } = await trx
      .insertInto("institutions")
      .values({
        name: input.name,
        credit_code: input.creditCode,
        type: input.type,
        funding_source: input.fundingSource,
        reserved_share_fen: input.reservedShareFen,
        thanks_opt_in: input.thanksOptIn ? 1 : 0,
        created_by: userId,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("institution_members")
      .values({
        institution_id: id,
        user_id: userId,
        role: "admin",
        added_by: userId,
        added_at: stamp,
      })
      .execute();
    return id;
  });
}

/** The administrator corrects the profile; orders already placed keep what they said. */
export async function updateInstitution(
  db: DB,
  userId: number,
  input: InstitutionInput,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const institution = await requireAdminOf(trx, userId);
    await assertCodeFree(trx, input.creditCode, institution.id);
    await trx
      .updateTable("institutions")
      .set({
        name: input.name,
        credit_code: input.creditCode,
        type: input.type,
        funding_source: input.fundingSource,
        reserved_share_fen: input.reservedShareFen,
        thanks_opt_in: input.thanksOptIn ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where("id", "=", institution.id)
      .execute();
  });
}

export interface Member {
  userId: number;
  name: string;
  /** the contact they sign in with, partly hidden: 138****0000 */
  contact: string;
  role: InstitutionRole;
  addedAt: string;
}

function maskContact(phone: string | null, email: string | null): string {
  if (phone) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (email) {
    const [local = "", domain = ""] = email.split("@");
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return "";
}

/** The institution's members, administrators first, then in the order they were added. */
export async function listMembers(db: DB, institutionId: number): Promise<Member[]> {
  const rows = await db
    .selectFrom("institution_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.phone", "u.email", "m.role", "m.added_at"])
    .where("m.institution_id", "=", institutionId)
    .orderBy("m.role")
    .orderBy("m.added_at")
    .orderBy("m.user_id")
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    contact: maskContact(r.phone, r.email),
    role: r.role,
    addedAt: r.added_at,
  }));
}

/**
 * Names a shopper's account as a purchaser, by the phone or e-mail they sign in with. Each
 * refusal says which rule: no such shopper, already in this or another institution.
 */
export async function addPurchaser(
  db: DB,
  adminUserId: number,
  rawLogin: string,
  now = new Date(),
): Promise<void> {
  const login = parseLogin(rawLogin);
  if (!login) throw new DomainError("institutions.errors.login", 400, {}, "login");
  await db.transaction().execute(async (trx) => {
    const institution = await requireAdminOf(trx, adminUserId);
    const person = await trx
      .selectFrom("users")
      .select(["id", "role"])
      .where(login.kind === "phone" ? "phone" : "email", "=", login.value)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!person || person.role !== "shopper") {
      throw new DomainError("institutions.errors.noSuchShopper", 404, {}, "login");
    }
    const current = await institutionOf(trx, person.id);
    if (current) {
      throw new DomainError(
        current.id === institution.id
          ? "institutions.errors.alreadyHere"
          : "institutions.errors.inAnother",
        409,
        {},
        "login",
      );
    }
    await trx
      .insertInto("institution_members")
      .values({
        institution_id: institution.id,
        user_id: person.id,
        role: "purchaser",
        added_by: adminUserId,
        added_at: now.toISOString(),
      })
      .execute();
  });
}

/** Someone who leaves must not leave the institution without an administrator. */
async function assertNotLastAdmin(trx: DB, institutionId: number, userId: number) {
  const admins = await trx
    .selectFrom("institution_members")
    .select("user_id")
    .where("institution_id", "=", institutionId)
    .where("role", "=", "admin")
    .execute();
  if (admins.length === 1 && admins[0]!.user_id === userId) {
    throw new DomainError("institutions.errors.lastAdmin", 409);
  }
}

/** The administrator takes a member off; what they bought stays the institution's. */
export async function removeMember(db: DB, adminUserId: number, memberUserId: number) {
  await db.transaction().execute(async (trx) => {
    const institution = await requireAdminOf(trx, adminUserId);
    await assertNotLastAdmin(trx, institution.id, memberUserId);
    const removed = await trx
      .deleteFrom("institution_members")
      .where("institution_id", "=", institution.id)
      .where("user_id", "=", memberUserId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0)
      throw new DomainError("institutions.errors.notMember", 404);
  });
}

/** A member stops buying for the institution (not its only administrator). */
export async function leaveInstitution(db: DB, userId: number) {
  await db.transaction().execute(async (trx) => {
    const institution = await institutionOf(trx, userId);
    if (!institution) throw new DomainError("institutions.errors.notMember", 404);
    await assertNotLastAdmin(trx, institution.id, userId);
    await trx.deleteFrom("institution_members").where("user_id", "=", userId).execute();
  });
}

/** The institution's eligible purchases in a year against its reserved share (预留份额). */
export async function reservedShareProgress(
  db: DB,
  institution: Pick<MemberInstitution, "id" | "reservedShareFen">,
  year: number,
) {
  const achievedFen = await eligibleTotal(db, [institutionKey(institution.id)], yearDays(year));
  const targetFen = institution.reservedShareFen;
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

/** Institutions that chose to be on the thanks board, with their ledger key. */
export async function thanksInstitutions(db: DB) {
  const rows = await db
    .selectFrom("institutions")
    .select(["id", "name"])
    .where("thanks_opt_in", "=", 1)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, key: institutionKey(r.id) }));
}
