// Sessions, reset links and redirects: a session cookie planted before sign-in is never
// promoted, every sign-in gets a new one, signing out ends it (everywhere when asked), a
// tampered cookie is nobody; a reset link works once, dies with its siblings and after
// its time, and ends every session; no redirect parameter leads off the site.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ACCOUNTS,
  Client,
  baseUrl,
  count,
  problem,
  problems,
  readDb,
  saveTally,
  signIn,
  writeDb,
} from "./harness";
import { ensureWorld } from "./scenario";

beforeAll(async () => {
  await ensureWorld();
});
afterAll(() => saveTally(import.meta.url));
beforeEach(() => {
  problems.length = 0;
});

/** Who /account says is signed in, or null when it sends the visitor to sign in. */
async function whoIs(client: Client, cookie?: string): Promise<string | null> {
  const headers = cookie === undefined ? undefined : { Cookie: cookie };
  const answer = await client.send("/account", { headers, remember: false });
  if (answer.status === 302) return null;
  return /<h1[^>]*>([^<]*)</.exec(answer.text)?.[1] ?? "?";
}

let made = 0;
/** A fresh shopper account through the sign-up form. */
async function newShopper(): Promise<{ client: Client; login: string; password: string }> {
  made += 1;
  const login = `session-${process.pid}-${made}@shanhai.test`;
  const password = "session-suite-2026";
  const client = new Client(`new shopper ${made}`);
  const answer = await client.send("/signup", {
    form: { login, name: `会话测试${made}`, password, passwordConfirm: password },
  });
  if (answer.status !== 302) throw new Error(`sign-up answered ${answer.status}`);
  return { client, login, password };
}

const session = (client: Client) => `shanhai_session=${client.cookies.get("shanhai_session")}`;

describe("sessions", () => {
  it("sets the session cookie httpOnly, SameSite=Lax and Secure", async () => {
    const client = new Client("cookie flags");
    const answer = await client.send("/login", {
      form: { login: ACCOUNTS.shopper.login, password: ACCOUNTS.shopper.password },
    });
    count("session");
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith("shanhai_session="));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
  });

  it("never promotes a session cookie planted before sign-in (fixation)", async () => {
    const attacker = await newShopper();
    const planted = session(attacker.client);
    expect(await whoIs(attacker.client)).toMatch(/会话测试/);
    // the victim's browser carries the attacker's cookie when the victim signs in
    const victim = new Client("fixation victim");
    victim.cookies.set("shanhai_session", attacker.client.cookies.get("shanhai_session")!);
    const answer = await victim.send("/login", {
      form: { login: ACCOUNTS.shopper.login, password: ACCOUNTS.shopper.password },
    });
    count("session", 3);
    expect(answer.status).toBe(302);
    expect(session(victim)).not.toBe(planted);
    expect(await whoIs(victim)).toMatch(/王小明/);
    // the planted session ended with the sign-in: nobody can ride it into the victim's account
    expect(await whoIs(new Client("attacker again"), planted)).toBeNull();
    // a made-up or tampered cookie is nobody
    for (const forged of [
      "shanhai_session=abcdefghijklmnopqrstuvwxyz0123456789",
      `${session(victim).slice(0, -4)}AAAA`,
      `shanhai_session=${Buffer.from(JSON.stringify("x".repeat(43))).toString("base64")}.x`,
    ]) {
      count("session");
      if ((await whoIs(new Client("forger"), forged)) !== null)
        problem(`cookie ${forged} signed someone in`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every sign-in a new session and ends it on sign-out, everywhere when asked", async () => {
    const { login, password } = await newShopper();
    const first = new Client("rotation 1");
    const second = new Client("rotation 2");
    for (const c of [first, second]) await c.send("/login", { form: { login, password } });
    count("session", 2);
    expect(session(first)).not.toBe(session(second));

    // a GET to /logout signs nobody out (a link or an <img> could send it)
    await first.send("/logout", { remember: false });
    expect(await whoIs(first)).not.toBeNull();
    const old = session(first);
    const out = await first.send("/logout", { method: "POST", form: {} });
    count("session", 2);
    expect(out.status).toBe(302);
    expect(first.cookies.has("shanhai_session")).toBe(false);
    expect(await whoIs(new Client("after logout"), old)).toBeNull();
    expect(await whoIs(second)).not.toBeNull();

    // "sign out everywhere" from a third session ends the second too
    const third = new Client("rotation 3");
    await third.send("/login", { form: { login, password } });
    const everywhere = await third.send("/account?index", { form: { intent: "logoutAll" } });
    count("session", 2);
    expect(everywhere.status).toBe(302);
    expect(await whoIs(second)).toBeNull();
    expect(await whoIs(third)).toBeNull();
  });
});

describe("password reset links", () => {
  /** The newest reset link sent to `login`. */
  function lastResetToken(login: string): string {
    const body = readDb((db) =>
      db
        .prepare('select body from outbox where "to" = ? order by id desc limit 1')
        .pluck()
        .get(login),
    ) as string;
    return /reset-password\?token=([A-Za-z0-9_-]+)/.exec(body)![1]!;
  }

  async function ask(login: string): Promise<string> {
    const answer = await new Client("forgot").send("/forgot-password", { form: { login } });
    expect(answer.status).toBeLessThan(400);
    return lastResetToken(login);
  }

  async function reset(token: string, password: string) {
    count("reset token");
    return new Client("reset").send("/reset-password", {
      form: { token, password, passwordConfirm: password },
    });
  }

  it("work once, die with their siblings and after their time, and end every session", async () => {
    const { client, login, password } = await newShopper();
    expect(await whoIs(client)).not.toBeNull();
    const first = await ask(login);
    const second = await ask(login);
    expect(first).not.toBe(second);

    const used = await reset(second, "new-password-2026");
    expect(used.status).toBe(302);
    expect(used.location).toBe("/login?reset=1");
    // the session from before the reset is over, the old password too
    expect(await whoIs(client)).toBeNull();
    const oldLogin = await new Client("old password").send("/login", { form: { login, password } });
    expect(oldLogin.status).toBe(400);

    // the same link again, its sibling, a changed one: all refused, password unchanged
    const hash = () =>
      readDb((db) =>
        db.prepare("select password_hash from users where email = ?").pluck().get(login),
      );
    const before = hash();
    for (const token of [
      second,
      first,
      `${second.slice(0, -1)}${second.endsWith("A") ? "B" : "A"}`,
      "",
      "x".repeat(500),
    ]) {
      const again = await reset(token, "attacker-password-1");
      if (again.status < 400) problem(`reset with ${token.slice(0, 12)}… answered ${again.status}`);
    }
    expect(hash()).toBe(before);

    // a link past its time
    const late = await ask(login);
    writeDb((db) =>
      db
        .prepare("update password_resets set expires_at = ? where used_at is null")
        .run(new Date(Date.now() - 60_000).toISOString()),
    );
    const expired = await reset(late, "attacker-password-2");
    expect(expired.status).toBe(410);
    expect(hash()).toBe(before);
    const page = await new Client("late reader").send(`/reset-password?token=${late}`);
    expect(page.text).not.toMatch(/name="passwordConfirm"/);
    expect(problems).toEqual([]);
  });
});

describe("redirects", () => {
  const ATTEMPTS = [
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "https://evil.example",
    "http:/evil.example",
    "//evil.example/%2F..",
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "///evil.example",
    "/.//evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/login?redirectTo=//evil.example",
    "\u3002evil.example",
    "//evil。example",
    "/ＮＮ//evil.example",
  ];

  /** Where a browser would go for this Location. */
  function leavesSite(location: string | null): boolean {
    if (location === null) return false;
    // browsers drop tabs and newlines and read "\" as "/" in a Location
    const seen = location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
    try {
      return new URL(seen, baseUrl()).origin !== new URL(baseUrl()).origin;
    } catch {
      return true;
    }
  }

  it("never lead off the site: after sign-in, for a signed-in visitor, after a language switch", async () => {
    const signedIn = await signIn("shopper");
    for (const to of ATTEMPTS) {
      const viaLogin = await new Client("redirect login").send("/login", {
        form: {
          login: ACCOUNTS.shopper.login,
          password: ACCOUNTS.shopper.password,
          redirectTo: to,
        },
      });
      const viaLoader = await signedIn.send(`/login?redirectTo=${encodeURIComponent(to)}`, {
        remember: false,
      });
      const viaRawQuery = await signedIn.send(
        `/login?redirectTo=${to.replace(/[\t\n ]/g, encodeURIComponent)}`,
        { remember: false },
      );
      const viaLanguage = await signedIn.send("/language", {
        form: { lng: "zh-CN", redirectTo: to },
        remember: false,
      });
      count("open redirect", 4);
      for (const [how, answer] of [
        ["POST /login", viaLogin],
        ["GET /login", viaLoader],
        ["GET /login (raw)", viaRawQuery],
        ["POST /language", viaLanguage],
      ] as const) {
        if (leavesSite(answer.location))
          problem(`${how} redirectTo=${JSON.stringify(to)} → ${answer.location}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
