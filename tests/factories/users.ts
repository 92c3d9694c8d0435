import type { DB } from "#db/connection";
import type { Role } from "#db/schema";
import { createSession } from "~/domain/auth/accounts.server";
import { hashPassword } from "~/domain/auth/password.server";

export const TEST_PASSWORD = "correct-horse-42";
let testHash: Promise<string> | undefined;
let serial = 0;

/**
 * A user with the given role (and cooperatives, for managers). Uses one precomputed hash of
 * TEST_PASSWORD unless another password is asked for, because scrypt is slow on purpose.
 */
export async function createUser(
  db: DB,
  options: {
    role?: Role;
    email?: string | null;
    phone?: string | null;
    name?: string;
    password?: string;
    cooperativeIds?: number[];
    /** for counter staff: the counter they work at */
    counterId?: number;
    emailVerified?: boolean;
    phoneVerified?: boolean;
  } = {},
): Promise<number> {
  const n = ++serial;
  const now = new Date().toISOString();
  const email = options.email === undefined ? `user${n}-${Date.now()}@example.com` : options.email;
  const hash = options.password
    ? hashPassword(options.password)
    : (testHash ??= hashPassword(TEST_PASSWORD));
  const row = await db
    .insertInto("users")
    .values({
      email,
      phone: options.phone ?? null,
      name: options.name ?? `用户${n}`,
      password_hash: await hash,
      role: options.role ?? "shopper",
      email_verified_at: options.emailVerified ? now : null,
      phone_verified_at: options.phoneVerified ? now : null,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const cooperativeId of options.cooperativeIds ?? []) {
    await db
      .insertInto("cooperative_managers")
      .values({ user_id: row.id, cooperative_id: cooperativeId })
      .execute();
  }
  if (options.counterId !== undefined) {
    await db
      .insertInto("counter_staff")
      .values({ user_id: row.id, counter_id: options.counterId, added_at: now })
      .execute();
  }
  return row.id;
}

/** A user and a live session token for them. */
export async function createUserWithSession(
  db: DB,
  options: Parameters<typeof createUser>[1] = {},
) {
  const userId = await createUser(db, options);
  const { token } = await createSession(db, userId, "test");
  return { userId, token };
}
