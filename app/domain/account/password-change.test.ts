import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createUser, TEST_PASSWORD } from "#tests/factories/users";
import { createSession, sessionUser } from "../auth/accounts.server";
import { verifyPassword } from "../auth/password.server";
import { changePasswordSchema } from "./password-input";
import { changePassword, revokeOtherSessions } from "./password-change.server";

let db: DB;
let cleanup: () => Promise<void>;
let me: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  me = await createUser(db);
});
afterEach(() => cleanup());

const hashOf = async (id: number) =>
  (
    await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).password_hash;

describe("changing the password", () => {
  it("checks the current one, stores the new one and ends only the other sessions", async () => {
    const here = await createSession(db, me, "this phone");
    const there = await createSession(db, me, "an old laptop");
    const someoneElse = await createSession(db, await createUser(db), "theirs");
    const ended = await changePassword(db, {
      userId: me,
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new one",
      logoutOthers: true,
      sessionToken: here.token,
      ip: "127.0.0.1",
    });
    expect(ended).toBe(1);
    expect(await verifyPassword("a brand new one", await hashOf(me))).toBe(true);
    expect(await sessionUser(db, here.token)).not.toBeNull();
    expect(await sessionUser(db, there.token)).toBeNull();
    expect(await sessionUser(db, someoneElse.token)).not.toBeNull();
  });

  it("keeps the other sessions when asked to", async () => {
    const here = await createSession(db, me, "a");
    const there = await createSession(db, me, "b");
    const ended = await changePassword(db, {
      userId: me,
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new one",
      logoutOthers: false,
      sessionToken: here.token,
      ip: "127.0.0.1",
    });
    expect(ended).toBe(0);
    expect(await sessionUser(db, there.token)).not.toBeNull();
  });

  it("refuses a wrong current password, changes nothing, and locks after repeated tries", async () => {
    const here = await createSession(db, me, "a");
    const before = await hashOf(me);
    const attempt = () =>
      changePassword(db, {
        userId: me,
        currentPassword: "not my password",
        newPassword: "a brand new one",
        logoutOthers: true,
        sessionToken: here.token,
        ip: "127.0.0.1",
      });
    await expect(attempt()).rejects.toMatchObject({
      code: "accountBook.errors.wrongPassword",
      field: "currentPassword",
    });
    expect(await hashOf(me)).toBe(before);
    for (let i = 0; i < 4; i++) await attempt().catch(() => undefined);
    await expect(attempt()).rejects.toMatchObject({ code: "auth.errors.locked", status: 429 });
  });

  it("logs out the other devices on its own", async () => {
    const here = await createSession(db, me, "a");
    const there = await createSession(db, me, "b");
    expect(await revokeOtherSessions(db, me, here.token)).toBe(1);
    expect(await sessionUser(db, here.token)).not.toBeNull();
    expect(await sessionUser(db, there.token)).toBeNull();
  });

  it("asks for the new password twice, long enough and different", () => {
    const base = { currentPassword: "old password", passwordConfirm: "new password" };
    expect(changePasswordSchema.safeParse({ ...base, newPassword: "new password" }).success).toBe(
      true,
    );
    const fieldOf = (v: object) =>
      changePasswordSchema.safeParse(v).error?.issues.map((i) => i.path[0]);
    expect(fieldOf({ ...base, newPassword: "short", passwordConfirm: "short" })).toContain(
      "newPassword",
    );
    expect(fieldOf({ ...base, newPassword: "new password 2" })).toEqual(["passwordConfirm"]);
    expect(
      fieldOf({ ...base, newPassword: "old password", passwordConfirm: "old password" }),
    ).toEqual(["newPassword"]);
    expect(changePasswordSchema.parse({ ...base, newPassword: "new password" }).logoutOthers).toBe(
      false,
    );
  });
});
