import type { DB } from "#db/connection";
import { effectiveStatus } from "./expiry.server";

/**
 * Guest orders placed with a phone or email the person has verified become theirs. Only
 * verified contacts count: anyone can type someone else's phone at checkout.
 */
export async function claimGuestOrders(db: DB, userId: number): Promise<number> {
  const user = await db
    .selectFrom("users")
    .select(["email", "phone", "email_verified_at", "phone_verified_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const phone = user.phone_verified_at ? user.phone : null;
  const email = user.email_verified_at ? user.email : null;
  if (!phone && !email) return 0;
  const result = await db
    .updateTable("orders")
    .set({ user_id: userId })
    .where("user_id", "is", null)
    .where((eb) =>
      eb.or([
        ...(phone ? [eb("phone", "=", phone)] : []),
        ...(email ? [eb("email", "=", email)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The person's orders, newest first, each with its status as of `now` (expiry included). */
export async function listUserOrders(db: DB, userId: number, now = new Date()) {
  const rows = await db
    .selectFrom("orders")
    .select(["number", "status", "total_fen", "aid_eligible_fen", "created_at", "expires_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({
    number: row.number,
    status: effectiveStatus(row, now),
    totalFen: row.total_fen,
    aidEligibleFen: row.aid_eligible_fen,
    createdAt: row.created_at,
  }));
}
