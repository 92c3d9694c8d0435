import crypto from "node:crypto";
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { claimGuestOrders } from "../orders/claim.server";
import type { Mailer } from "./mailer.server";
import { hashToken, newToken } from "./tokens.server";

export const VERIFY_TTL_MINUTES = 30;
/** Wrong guesses a six-digit SMS code survives; then it is spent and a new one must be sent. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Proves the person owns the email (a link) or the phone (a six-digit code by SMS). Proof
 * matters because a verified contact lets them claim orders placed as a guest with it.
 */
export async function sendVerification(
  db: DB,
  input: { userId: number; channel: "email" | "phone"; origin: string },
  mailer: Mailer,
  now = new Date(),
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["email", "phone"])
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  const target = input.channel === "email" ? user.email : user.phone;
  if (!target) throw new DomainError("auth.errors.noContact", 400);
  const { token, hash } = newToken();
  const code =
    input.channel === "phone" ? String(crypto.randomInt(0, 1_000_000)).padStart(6, "0") : null;
  await db
    .updateTable("verifications")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", input.userId)
    .where("channel", "=", input.channel)
    .where("used_at", "is", null)
    .execute();
  await db
    .insertInto("verifications")
    .values({
      token_hash: code ? hashToken(`${input.userId}:${code}`) : hash,
      user_id: input.userId,
      channel: input.channel,
      target,
      code: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + VERIFY_TTL_MINUTES * 60_000).toISOString(),
    })
    .execute();
  await mailer.send(
    db,
    code
      ? {
          channel: "sms",
          to: target,
          subject: "山海验证码",
          body: `【山海】您的验证码是 ${code}，${VERIFY_TTL_MINUTES} 分钟内有效。`,
        }
      : {
          channel: "email",
          to: target,
          subject: "山海 Shanhai：验证邮箱 / verify your email",
          body: `请打开链接验证邮箱：\n${input.origin}/account/verify?token=${token}\n\nVerify your email: ${input.origin}/account/verify?token=${token}`,
        },
  );
}

/** Spends a link token or an SMS code; marks the contact verified and claims guest orders. */
export async function confirmVerification(
  db: DB,
  input: { userId: number; token?: string; code?: string },
  now = new Date(),
): Promise<{ channel: "email" | "phone"; claimed: number }> {
  if (input.code) await checkCodeGuess(db, input.userId, input.code, now);
  const hash = input.code
    ? hashToken(`${input.userId}:${input.code}`)
    : hashToken(input.token ?? "");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("verifications")
      .select(["token_hash", "channel", "target", "user_id"])
      .where("token_hash", "=", hash)
      .where("user_id", "=", input.userId)
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    if (!row)
      throw new DomainError("auth.errors.verifyInvalid", 400, {}, input.code ? "code" : undefined);
    await trx
      .updateTable("verifications")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", row.token_hash)
      .execute();
    const user = await trx
      .selectFrom("users")
      .select(["email", "phone"])
      .where("id", "=", row.user_id)
      .executeTakeFirstOrThrow();
    // the contact may have changed since the message went out
    if ((row.channel === "email" ? user.email : user.phone) !== row.target) {
      throw new DomainError("auth.errors.verifyInvalid", 400);
    }
    await trx
      .updateTable("users")
      .set(
        row.channel === "email"
          ? { email_verified_at: now.toISOString() }
          : { phone_verified_at: now.toISOString() },
      )
      .where("id", "=", row.user_id)
      .execute();
    const claimed = await claimGuestOrders(trx, row.user_id);
    return { channel: row.channel, claimed };
  });
}

/**
 * A million codes are few enough to guess, so each code takes MAX_CODE_ATTEMPTS wrong
 * tries at most: the tries are stored (a restart forgets nothing) and written outside the
 * caller's transaction, and the code is spent at the last one.
 */
async function checkCodeGuess(db: DB, userId: number, code: string, now: Date): Promise<void> {
  const pending = await db
    .selectFrom("verifications")
    .select(["token_hash", "created_at"])
    .where("user_id", "=", userId)
    .where("channel", "=", "phone")
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  if (!pending) throw new DomainError("auth.errors.verifyInvalid", 400, {}, "code");
  const accountKey = `sms-code:${userId}`;
  const wrong = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_key", "=", accountKey)
    .where("succeeded", "=", 0)
    .where("at", ">=", pending.created_at)
    .executeTakeFirstOrThrow();
  if (Number(wrong.n) >= MAX_CODE_ATTEMPTS) {
    throw new DomainError("auth.errors.codeTooManyTries", 429, {}, "code");
  }
  if (hashToken(`${userId}:${code}`) === pending.token_hash) return;
  await db
    .insertInto("login_attempts")
    .values({ account_key: accountKey, ip: "", succeeded: 0, at: now.toISOString() })
    .execute();
  if (Number(wrong.n) + 1 >= MAX_CODE_ATTEMPTS) {
    await db
      .updateTable("verifications")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", pending.token_hash)
      .execute();
    throw new DomainError("auth.errors.codeTooManyTries", 429, {}, "code");
  }
  throw new DomainError("auth.errors.verifyInvalid", 400, {}, "code");
}
