import type { DB } from "#db/connection";
import type { Role } from "#db/schema";
import { MOBILE_RE, normalizeMobile } from "../checkout/checkout-input";
import { DomainError } from "../errors";
import { decoyHash, hashPassword, verifyPassword } from "./password.server";
import { hashToken, newToken } from "./tokens.server";

export const SESSION_DAYS = 30;
/** Failed logins allowed per account, and per IP address, in the window. */
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 30;
export const LIMIT_WINDOW_MINUTES = 15;

export interface SessionUser {
  id: number;
  name: string;
  role: Role;
  email: string | null;
  phone: string | null;
  emailVerified: boolean;
  phoneVerified: boolean;
}

/** An email or a mainland mobile, normalised; null if it is neither. */
export function parseLogin(raw: string): { kind: "email" | "phone"; value: string } | null {
  const trimmed = raw.trim();
  const phone = normalizeMobile(trimmed);
  if (MOBILE_RE.test(phone)) return { kind: "phone", value: phone };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) && trimmed.length <= 120) {
    return { kind: "email", value: trimmed.toLowerCase() };
  }
  return null;
}

export async function createAccount(
  db: DB,
  input: { login: string; name: string; password: string; role?: Role },
  now = new Date(),
): Promise<number> {
  const login = parseLogin(input.login);
  if (!login) throw new DomainError("auth.errors.login", 400, {}, "login");
  const taken = await db
    .selectFrom("users")
    .select("id")
    .where(login.kind, "=", login.value)
    .executeTakeFirst();
  if (taken) throw new DomainError("auth.errors.taken", 409, {}, "login");
  const row = await db
    .insertInto("users")
    .values({
      [login.kind]: login.value,
      name: input.name,
      password_hash: await hashPassword(input.password),
      role: input.role ?? "shopper",
      updated_at: now.toISOString(),
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function recentFailures(db: DB, column: "account_key" | "ip", value: string, now: Date) {
  const since = new Date(now.getTime() - LIMIT_WINDOW_MINUTES * 60_000).toISOString();
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Checks a password. Too many failures for the account or from the address in the window
 * lock further tries with a clear message; the attempts are stored, so a restart does not
 * reset the count. Wrong login and wrong password look the same from outside.
 */
export async function authenticate(
  db: DB,
  input: { login: string; password: string; ip: string },
  now = new Date(),
): Promise<number> {
  const login = parseLogin(input.login);
  const accountKey = login
    ? `${login.kind}:${login.value}`
    : `raw:${input.login.trim().toLowerCase()}`;
  if (
    (await recentFailures(db, "account_key", accountKey, now)) >= ACCOUNT_LIMIT ||
    (await recentFailures(db, "ip", input.ip, now)) >= IP_LIMIT
  ) {
    throw new DomainError("auth.errors.locked", 429, { minutes: LIMIT_WINDOW_MINUTES });
  }
  const user = login
    ? await db
        .selectFrom("users")
        .select(["id", "password_hash", "disabled_at"])
        .where(login.kind, "=", login.value)
        .executeTakeFirst()
    : undefined;
  const ok = user
    ? await verifyPassword(input.password, user.password_hash)
    : (await verifyPassword(input.password, await decoyHash()), false);
  await db
    .insertInto("login_attempts")
    .values({ account_key: accountKey, ip: input.ip, succeeded: ok ? 1 : 0, at: now.toISOString() })
    .execute();
  if (!ok || !user) throw new DomainError("auth.errors.wrongPassword", 400);
  if (user.disabled_at) throw new DomainError("auth.errors.disabled", 403);
  return user.id;
}

/** A new session (a fresh id at every login, so an old cookie can never be promoted). */
export async function createSession(
  db: DB,
  userId: number,
  userAgent: string | null,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto("sessions")
    .values({
      id: hash,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function sessionUser(
  db: DB,
  token: string,
  now = new Date(),
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "u.id",
      "u.name",
      "u.role",
      "u.email",
      "u.phone",
      "u.email_verified_at",
      "u.phone_verified_at",
    ])
    .where("s.id", "=", hashToken(token))
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now.toISOString())
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    emailVerified: row.email_verified_at != null,
    phoneVerified: row.phone_verified_at != null,
  };
}

export async function revokeSession(db: DB, token: string, now = new Date()): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", hashToken(token))
    .execute();
}

/** "Log out everywhere": every session of the person ends now. */
export async function revokeAllSessions(db: DB, userId: number, now = new Date()): Promise<number> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function managedCooperatives(db: DB, userId: number) {
  return db
    .selectFrom("cooperative_managers as m")
    .innerJoin("cooperatives as c", "c.id", "m.cooperative_id")
    .select(["c.id", "c.slug", "c.name_zh", "c.name_en"])
    .where("m.user_id", "=", userId)
    .orderBy("c.id")
    .execute();
}
