import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { managedCooperatives, type SessionUser } from "~/domain/auth/accounts.server";
import { counterOfStaff } from "~/domain/counters/counters.server";
import { getDb } from "./db.server";
import { requireSameOrigin } from "./security.server";
import { getUser } from "./session.server";

// The one module of guards. Every loader and action calls one of these first, layouts
// included: Remix runs a child's loader beside its parent's, and a `?_data=` request
// reaches the child alone, so a check in the layout guards nothing. Each guard also
// refuses another site's form posts (requireSameOrigin does nothing for GET and HEAD).

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
  return redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

/** A signed-in person, or off to /login (and back here afterwards). */
export async function requireUser(request: Request): Promise<SessionUser> {
  requireSameOrigin(request);
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/** Signed in with one of these roles; anyone else signed in gets 403. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

const OFFICE: readonly Role[] = ["aid_officer", "admin"];

/** The aid office's pages (/aid/...): aid officers, and administrators who oversee them. */
export function requireAidOfficer(request: Request): Promise<SessionUser> {
  return requireRole(request, OFFICE);
}

/** The administration pages (/admin/...). */
export function requireAdmin(request: Request): Promise<SessionUser> {
  return requireRole(request, ["admin"]);
}

/**
 * /coop/:coop/...: a cooperative manager bound to this cooperative. Another cooperative,
 * or one that does not exist, is the same 403, so slugs cannot be probed.
 */
export async function requireCooperativeAccess(request: Request, slug: string | undefined) {
  const user = await requireRole(request, ["coop_manager"]);
  const cooperatives = await managedCooperatives(await getDb(), user.id);
  const cooperative = cooperatives.find((c) => c.slug === slug);
  if (!cooperative) throw new Response("Forbidden", { status: 403 });
  return { user, cooperative, cooperatives };
}

/**
 * /counter/...: a member of a counter's staff, with the one counter they work at. Everything
 * the desk does is scoped to that counter, so staff of one counter cannot act for another;
 * staff not yet assigned to a counter get 403 like anyone else.
 */
export async function requireCounterStaff(request: Request) {
  const user = await requireRole(request, ["counter_staff"]);
  const counter = await counterOfStaff(await getDb(), user.id);
  if (!counter) throw new Response("Forbidden", { status: 403 });
  return { user, counter };
}
