// Changing one's password while signed in, and ending one's other sessions. The session
// making the change is kept (by its token's hash), so the person stays signed in here.
import type { DB } from "#db/connection";
import { ACCOUNT_LIMIT, LIMIT_WINDOW_MINUTES } from "../auth/accounts.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { hashToken } from "../auth/tokens.server";
import { DomainError } from "../errors";

/** The person's live sessions except the one with this token end now; how many did. */
export async function revokeOtherSessions(
  db: DB,
  userId: number,
  keepToken: string,
  now = new Date(),
): Promise<number> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("id", "!=", hashToken(keepToken))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// Wrong current passwords count like failed logins (same table, a key of their own), so a
// stolen session cannot be used to guess the password without limit.
const attemptKey = (userId: number) => `password-change:${userId}`;

async function recentWrongPasswords(db: DB, userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LIMIT_WINDOW_MINUTES * 60_000).toISOString();
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_key", "=", attemptKey(userId))
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PasswordChange {
  userId: number;
  currentPassword: string;
  newPassword: string;
  /** end every other session of the person (this one stays) */
  logoutOthers: boolean;
  /** the session token of the request making the change */
  sessionToken: string;
  ip: string;
}

/** Checks the current password, stores the new one; returns how many other sessions ended. */
export async function changePassword(
  db: DB,
  change: PasswordChange,
  now = new Date(),
): Promise<number> {
  if ((await recentWrongPasswords(db, change.userId, now)) >= ACCOUNT_LIMIT) {
    throw new DomainError("auth.errors.locked", 429, { minutes: LIMIT_WINDOW_MINUTES });
  }
  const user = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", change.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(change.currentPassword, user.password_hash))) {
    await db
      .insertInto("login_attempts")
      .values({
        account_key: attemptKey(change.userId),
        ip: change.ip,
        succeeded: 0,
        at: now.toISOString(),
      })
      .execute();
    throw new DomainError("accountBook.errors.wrongPassword", 400, {}, "currentPassword");
  }
  const hash = await hashPassword(change.newPassword);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where("id", "=", change.userId)
      .execute();
    return change.logoutOthers
      ? revokeOtherSessions(trx, change.userId, change.sessionToken, now)
      : 0;
  });
}
