import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { createUser, TEST_PASSWORD } from "#tests/factories/users";
import { addToCart, cartCount, getCartLines, newCartId, adoptCart } from "../cart/cart.server";
import {
  ACCOUNT_LIMIT,
  authenticate,
  createAccount,
  createSession,
  IP_LIMIT,
  parseLogin,
  revokeAllSessions,
  revokeSession,
  sessionUser,
} from "./accounts.server";
import type { Mailer, Message } from "./mailer.server";
import { requestPasswordReset, resetPassword } from "./password-reset.server";
import { hashPassword, verifyPassword } from "./password.server";
import { confirmVerification, MAX_CODE_ATTEMPTS, sendVerification } from "./verification.server";

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

/** A mailer that keeps what it would have sent. */
function recordingMailer(): Mailer & { sent: Message[] } {
  const sent: Message[] = [];
  return { sent, send: async (_db, message) => void sent.push(message) };
}

const t0 = new Date("2026-11-28T02:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("passwords", () => {
  it("hashes with scrypt and a per-user salt", async () => {
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("same password");
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same passwore", a)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("accounts", () => {
  it("understands emails and mainland mobiles as logins", () => {
    expect(parseLogin(" Wang@Example.COM ")).toEqual({ kind: "email", value: "wang@example.com" });
    expect(parseLogin("+86 138 0000 1234")).toEqual({ kind: "phone", value: "13800001234" });
    expect(parseLogin("wang")).toBeNull();
    expect(parseLogin("12345678901")).toBeNull();
  });

  it("creates an account once per email or phone", async () => {
    await createAccount(db, { login: "li@example.com", name: "李", password: "long enough" });
    await createAccount(db, { login: "13900001111", name: "王", password: "long enough" });
    await expect(
      createAccount(db, { login: "LI@example.com", name: "李二", password: "long enough" }),
    ).rejects.toMatchObject({
      code: "auth.errors.taken",
      field: "login",
    });
    await expect(
      createAccount(db, { login: "139 0000 1111", name: "王二", password: "long enough" }),
    ).rejects.toMatchObject({
      code: "auth.errors.taken",
    });
  });
});

describe("signing in", () => {
  it("signs in with the right password only, and says the same for unknown accounts", async () => {
    await createUser(db, { email: "a@example.com" });
    expect(
      await authenticate(
        db,
        { login: "A@example.com", password: TEST_PASSWORD, ip: "1.1.1.1" },
        t0,
      ),
    ).toBeGreaterThan(0);
    await expect(
      authenticate(db, { login: "a@example.com", password: "wrong", ip: "1.1.1.1" }, t0),
    ).rejects.toMatchObject({
      code: "auth.errors.wrongPassword",
    });
    await expect(
      authenticate(db, { login: "nobody@example.com", password: "wrong", ip: "1.1.1.1" }, t0),
    ).rejects.toMatchObject({
      code: "auth.errors.wrongPassword",
    });
  });

  it("locks an account after repeated failures, persisted, until the window passes", async () => {
    await createUser(db, { email: "b@example.com" });
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      await expect(
        authenticate(db, { login: "b@example.com", password: "nope", ip: `10.0.0.${i}` }, t0),
      ).rejects.toMatchObject({
        code: "auth.errors.wrongPassword",
      });
    }
    // even the right password is refused while locked, from any address
    await expect(
      authenticate(
        db,
        { login: "b@example.com", password: TEST_PASSWORD, ip: "9.9.9.9" },
        later(1),
      ),
    ).rejects.toMatchObject({
      code: "auth.errors.locked",
      status: 429,
    });
    const stored = await db.selectFrom("login_attempts").select("id").execute();
    expect(stored).toHaveLength(ACCOUNT_LIMIT);
    expect(
      await authenticate(
        db,
        { login: "b@example.com", password: TEST_PASSWORD, ip: "9.9.9.9" },
        later(16),
      ),
    ).toBeGreaterThan(0);
  });

  it("limits one address trying many accounts", async () => {
    for (let i = 0; i < IP_LIMIT; i++) {
      await authenticate(
        db,
        { login: `u${i}@example.com`, password: "x", ip: "6.6.6.6" },
        t0,
      ).catch(() => undefined);
    }
    await createUser(db, { email: "c@example.com" });
    await expect(
      authenticate(db, { login: "c@example.com", password: TEST_PASSWORD, ip: "6.6.6.6" }, t0),
    ).rejects.toMatchObject({
      code: "auth.errors.locked",
    });
    expect(
      await authenticate(
        db,
        { login: "c@example.com", password: TEST_PASSWORD, ip: "7.7.7.7" },
        t0,
      ),
    ).toBeGreaterThan(0);
  });
});

describe("sessions", () => {
  it("keeps sessions in the database: expiring, revocable one by one or all at once", async () => {
    const userId = await createUser(db, { name: "赵" });
    const a = await createSession(db, userId, "phone", t0);
    const b = await createSession(db, userId, "laptop", t0);
    expect(a.token).not.toBe(b.token);
    expect((await sessionUser(db, a.token, later(1)))?.name).toBe("赵");
    expect(await sessionUser(db, a.token, later(60 * 24 * 31))).toBeNull();
    await revokeSession(db, a.token, later(2));
    expect(await sessionUser(db, a.token, later(3))).toBeNull();
    expect(await sessionUser(db, b.token, later(3))).not.toBeNull();
    expect(await revokeAllSessions(db, userId, later(4))).toBe(1);
    expect(await sessionUser(db, b.token, later(5))).toBeNull();
    const stored = await db.selectFrom("sessions").select("id").execute();
    expect(stored.map((s) => s.id)).not.toContain(a.token);
  });
});

describe("password reset", () => {
  it("sends nothing for unknown accounts", async () => {
    const mailer = recordingMailer();
    await requestPasswordReset(
      db,
      { login: "ghost@example.com", origin: "http://shop" },
      mailer,
      t0,
    );
    expect(mailer.sent).toEqual([]);
  });

  it("works once, within its time, and ends every session", async () => {
    const userId = await createUser(db, { email: "r@example.com" });
    const session = await createSession(db, userId, null, t0);
    const mailer = recordingMailer();
    await requestPasswordReset(db, { login: "r@example.com", origin: "http://shop" }, mailer, t0);
    const token = /token=([\w-]+)/.exec(mailer.sent[0]?.body ?? "")?.[1];
    expect(token).toBeTruthy();
    await resetPassword(db, { token: token!, password: "brand new password" }, later(10));
    expect(
      await authenticate(
        db,
        { login: "r@example.com", password: "brand new password", ip: "x" },
        later(11),
      ),
    ).toBe(userId);
    expect(await sessionUser(db, session.token, later(11))).toBeNull();
    await expect(
      resetPassword(db, { token: token!, password: "again and again" }, later(12)),
    ).rejects.toMatchObject({
      code: "auth.errors.resetInvalid",
    });

    await requestPasswordReset(db, { login: "r@example.com", origin: "http://shop" }, mailer, t0);
    const late = /token=([\w-]+)/.exec(mailer.sent[1]?.body ?? "")?.[1];
    await expect(
      resetPassword(db, { token: late!, password: "too late now" }, later(31)),
    ).rejects.toMatchObject({
      code: "auth.errors.resetInvalid",
    });
  });
});

describe("password reset: older links", () => {
  it("dies when the password is reset with a newer one", async () => {
    await createUser(db, { email: "r@example.com" });
    const mailer = recordingMailer();
    await requestPasswordReset(db, { login: "r@example.com", origin: "http://shop" }, mailer, t0);
    await requestPasswordReset(
      db,
      { login: "r@example.com", origin: "http://shop" },
      mailer,
      later(1),
    );
    const [older, newer] = mailer.sent.map((m) => /token=([\w-]+)/.exec(m.body)?.[1]);
    await resetPassword(db, { token: newer!, password: "brand new password" }, later(2));
    await expect(
      resetPassword(db, { token: older!, password: "attacker's choice" }, later(3)),
    ).rejects.toMatchObject({ code: "auth.errors.resetInvalid" });
  });
});

describe("SMS codes: wrong guesses", () => {
  async function sendCode(userId: number, at: Date) {
    const mailer = recordingMailer();
    await sendVerification(db, { userId, channel: "phone", origin: "http://shop" }, mailer, at);
    return /(\d{6})/.exec(mailer.sent[0]?.body ?? "")![1]!;
  }
  const wrongFor = (code: string, i: number) =>
    String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");

  it(`spends a code after ${MAX_CODE_ATTEMPTS} wrong guesses, even for the right one after`, async () => {
    const userId = await createUser(db, { email: null, phone: "13912345678" });
    const code = await sendCode(userId, t0);
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++) {
      await expect(
        confirmVerification(db, { userId, code: wrongFor(code, i) }, later(1)),
      ).rejects.toMatchObject({ code: "auth.errors.verifyInvalid" });
    }
    await expect(
      confirmVerification(db, { userId, code: wrongFor(code, 99) }, later(1)),
    ).rejects.toMatchObject({ code: "auth.errors.codeTooManyTries", status: 429 });
    // the right code no longer works: it was spent at the last wrong guess
    await expect(confirmVerification(db, { userId, code }, later(2))).rejects.toMatchObject({
      code: "auth.errors.verifyInvalid",
    });
    const user = await db
      .selectFrom("users")
      .select("phone_verified_at")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user.phone_verified_at).toBeNull();

    // A new code starts a new count.
    const fresh = await sendCode(userId, later(3));
    await expect(
      confirmVerification(db, { userId, code: wrongFor(fresh, 0) }, later(4)),
    ).rejects.toMatchObject({ code: "auth.errors.verifyInvalid" });
    expect(await confirmVerification(db, { userId, code: fresh }, later(4))).toMatchObject({
      channel: "phone",
    });
  });
});

describe("verification and claiming guest orders", () => {
  it("verifies a phone by SMS code and claims the guest orders placed with it", async () => {
    const { datong } = await createBasicCatalog(db);
    const p = await createProduct(db, { cooperativeId: datong });
    await createOrder(db, [{ productId: p, quantity: 1 }], { input: { phone: "13912345678" } });
    await createOrder(db, [{ productId: p, quantity: 1 }], { input: { phone: "13700000000" } });
    const userId = await createUser(db, { email: null, phone: "13912345678" });
    const mailer = recordingMailer();
    await sendVerification(db, { userId, channel: "phone", origin: "http://shop" }, mailer, t0);
    const code = /(\d{6})/.exec(mailer.sent[0]?.body ?? "")?.[1];
    expect(mailer.sent[0]).toMatchObject({ channel: "sms", to: "13912345678" });
    await expect(
      confirmVerification(db, { userId, code: code === "000000" ? "111111" : "000000" }, later(1)),
    ).rejects.toMatchObject({
      code: "auth.errors.verifyInvalid",
    });
    expect(await confirmVerification(db, { userId, code: code! }, later(1))).toEqual({
      channel: "phone",
      claimed: 1,
    });
    const mine = await db
      .selectFrom("orders")
      .select("phone")
      .where("user_id", "=", userId)
      .execute();
    expect(mine).toEqual([{ phone: "13912345678" }]);
    await expect(confirmVerification(db, { userId, code: code! }, later(2))).rejects.toMatchObject({
      code: "auth.errors.verifyInvalid",
    });
  });

  it("does not let an unverified contact claim anything", async () => {
    const { datong } = await createBasicCatalog(db);
    const p = await createProduct(db, { cooperativeId: datong });
    await createOrder(db, [{ productId: p, quantity: 1 }], {
      input: { email: "victim@example.com" },
    });
    const userId = await createUser(db, { email: "victim@example.com", emailVerified: false });
    const { claimGuestOrders } = await import("../orders/claim.server");
    expect(await claimGuestOrders(db, userId)).toBe(0);
  });
});

describe("cart at sign-in", () => {
  it("merges the guest cart into the account's, capped by stock", async () => {
    const { datong } = await createBasicCatalog(db);
    const a = await createProduct(db, { cooperativeId: datong, stock: 5 });
    const b = await createProduct(db, { cooperativeId: datong, stock: 50 });
    const userId = await createUser(db);
    const first = await adoptCart(db, userId, null);
    await addToCart(db, first, a, 3);
    const guest = newCartId();
    await addToCart(db, guest, a, 4);
    await addToCart(db, guest, b, 2);
    const merged = await adoptCart(db, userId, guest);
    expect(merged).toBe(first);
    const lines = await getCartLines(db, merged, "zh-CN");
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      [a, 5],
      [b, 2],
    ]);
    expect(await cartCount(db, guest)).toBe(0);
  });

  it("gives a first-time account the guest cart as it is", async () => {
    const { datong } = await createBasicCatalog(db);
    const a = await createProduct(db, { cooperativeId: datong });
    const guest = newCartId();
    await addToCart(db, guest, a, 2);
    const userId = await createUser(db);
    expect(await adoptCart(db, userId, guest)).toBe(guest);
    // another account cannot take that cart over later
    const other = await createUser(db);
    expect(await adoptCart(db, other, guest)).not.toBe(guest);
    expect(await cartCount(db, guest)).toBe(2);
  });
});
