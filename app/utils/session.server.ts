import { createCookie } from "@remix-run/node";
import type { Role } from "#db/schema";
import {
  createSession,
  revokeSession,
  sessionUser,
  type SessionUser,
} from "~/domain/auth/accounts.server";
import { adoptCart } from "~/domain/cart/cart.server";
import { claimGuestOrders } from "~/domain/orders/claim.server";
import { cartCookie, readCartId } from "./cookies.server";
import { getDb } from "./db.server";
import { env } from "./env.server";

let cookie: ReturnType<typeof createCookie> | undefined;

/** Holds the session token; the database keeps only its hash and can revoke it. */
export function sessionCookie() {
  cookie ??= createCookie("shanhai_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  return sessionUser(await getDb(), token);
}

/** Where each role starts after signing in, unless it came from a protected page. */
export function homeFor(role: Role): string {
  return {
    shopper: "/account",
    coop_manager: "/coop",
    aid_officer: "/aid",
    admin: "/admin",
    counter_staff: "/counter",
  }[role];
}

/**
 * Signs the person in: the old session (if any) ends, a new one starts, the guest cart
 * joins the account's, and guest orders with verified contacts become theirs.
 */
export async function signIn(
  request: Request,
  userId: number,
): Promise<{ headers: Headers; user: SessionUser }> {
  const db = await getDb();
  const old = await readSessionToken(request);
  if (old) await revokeSession(db, old);
  const { token } = await createSession(db, userId, request.headers.get("User-Agent"));
  const cartId = await adoptCart(db, userId, await readCartId(request));
  await claimGuestOrders(db, userId);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize(token));
  headers.append("Set-Cookie", await cartCookie().serialize(cartId));
  const user = await sessionUser(db, token);
  if (!user) throw new Error(`session for user ${userId} vanished at sign-in`);
  return { headers, user };
}

/** Ends this session and forgets the cart on this browser (it stays with the account). */
export async function signOut(request: Request): Promise<Headers> {
  const token = await readSessionToken(request);
  if (token) await revokeSession(await getDb(), token);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await cartCookie().serialize("", { maxAge: 0 }));
  return headers;
}
