import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { parseLogin, revokeAllSessions } from "./accounts.server";
import type { Mailer } from "./mailer.server";
import { hashPassword } from "./password.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_TTL_MINUTES = 30;

/**
 * Sends a reset link if the account exists. The caller says the same thing either way, so
 * nobody can learn which logins have accounts.
 */
export async function requestPasswordReset(
  db: DB,
  input: { login: string; origin: string },
  mailer: Mailer,
  now = new Date(),
): Promise<void> {
  const login = parseLogin(input.login);
  if (!login) return;
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "phone"])
    .where(login.kind, "=", login.value)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) return;
  const { token, hash } = newToken();
  await db
    .insertInto("password_resets")
    .values({
      token_hash: hash,
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000).toISOString(),
    })
    .execute();
  const link = `${input.origin}/reset-password?token=${token}`;
  await mailer.send(db, {
    channel: login.kind === "email" ? "email" : "sms",
    to: login.value,
    subject: "山海 Shanhai：重置密码 / reset your password",
    body: `点击链接重置密码（${RESET_TTL_MINUTES} 分钟内有效，仅可使用一次）：\n${link}\n\nReset your password (valid ${RESET_TTL_MINUTES} minutes, once): ${link}\n\n如果不是您本人操作，请忽略此消息。`,
  });
}

async function usableReset(db: Pick<DB, "selectFrom">, token: string, now: Date) {
  return db
    .selectFrom("password_resets")
    .select(["token_hash", "user_id"])
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

export async function resetTokenIsUsable(
  db: DB,
  token: string,
  now = new Date(),
): Promise<boolean> {
  return Boolean(await usableReset(db, token, now));
}

/** Sets the new password, spends the token, and ends every session of the account. */
export async function resetPassword(
  db: DB,
  input: { token: string; password: string },
  now = new Date(),
): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const reset = await usableReset(trx, input.token, now);
    if (!reset) throw new DomainError("auth.errors.resetInvalid", 410);
    const spent = await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", reset.token_hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (spent.numUpdatedRows === 0n) throw new DomainError("auth.errors.resetInvalid", 410);
    // Every other link still out for the account dies with this one: the password they
    // were sent to replace is gone.
    await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", reset.user_id)
      .where("used_at", "is", null)
      .execute();
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where("id", "=", reset.user_id)
      .execute();
    await revokeAllSessions(trx, reset.user_id, now);
    return reset.user_id;
  });
}
