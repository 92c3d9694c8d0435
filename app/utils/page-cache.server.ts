// What the server's page cache (server/page-cache.js) needs to know from the app: which
// pages may be shared, what makes two requests see the same page, and how fresh the
// database is. The server reaches these through the build's entry module (entry.server).
import SQLite from "better-sqlite3";
import type { EntryContext } from "@remix-run/node";
import type { DB } from "#db/connection";
import { engineOf } from "#db/engine";
import { asLocale } from "~/i18n/config";
import { languageCookie } from "./cookies.server";
import { getDb } from "./db.server";
import { env } from "./env.server";
import { shanghaiDate } from "./time";

/** What a page shows that writes can change; each has a counter in page_versions. */
export type PageScope = "catalogue" | "aid";

/** A route that is the same for every anonymous visitor says what it shows in its handle. */
export interface PageCacheHandle {
  pageCache: readonly PageScope[];
}

/** Set on a rendered page the cache may keep; the server removes it before sending. */
export const SCOPES_HEADER = "x-page-cache-scopes";

/**
 * Browsers always ask again (an ETag makes that a 304), so a price change shows on the next
 * request. A shared cache (CDN) may keep a page a few seconds; stale-while-revalidate goes
 * only in CDN-Cache-Control, because browsers honour it in Cache-Control too.
 */
export const CACHE_CONTROL = "public, max-age=0, s-maxage=5";
export const CDN_CACHE_CONTROL = "public, s-maxage=5, stale-while-revalidate=30";

/** The scopes of a rendered page if every matched route may be shared, else null. */
export function pageCacheScopes(context: EntryContext): PageScope[] | null {
  const matches = context.staticHandlerContext.matches;
  const leaf = matches[matches.length - 1];
  if (!leaf || context.staticHandlerContext.errors) return null;
  const handle = context.routeModules[leaf.route.id]?.handle as
    Partial<PageCacheHandle> | undefined;
  return handle?.pageCache?.length ? [...handle.pageCache] : null;
}

/**
 * Whether a request carries anything that makes its page personal: any cookie of ours but
 * the language (session, cart, orders placed here, notices). Other sites' cookies on our
 * domain (analytics) change nothing the store renders.
 */
export function isPersonal(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  for (const part of cookieHeader.split(";")) {
    const name = part.slice(0, part.indexOf("=")).trim();
    if (name.startsWith("shanhai_") && name !== languageCookie.name) return true;
  }
  return false;
}

let day = { until: 0, value: "" };

/**
 * What, besides the URL, decides a shared page: its language and the day in Shanghai
 * (certificates lapse and the year's aid total restarts at midnight with no write at all).
 */
export async function pageVariant(cookieHeader: string | undefined): Promise<string> {
  const now = Date.now();
  if (now >= day.until) day = { until: now + 1000, value: shanghaiDate(new Date(now)) };
  const locale = asLocale(cookieHeader ? await languageCookie.parse(cookieHeader) : null);
  return `${locale} ${day.value}`;
}

type Versions = Record<string, number>;

/** The counters through Kysely: any engine, one indexed read. */
export async function readPageVersions(db: DB): Promise<Versions> {
  const rows = await db.selectFrom("page_versions").select(["scope", "version"]).execute();
  const versions: Versions = {};
  for (const row of rows) versions[row.scope] = Number(row.version);
  return versions;
}

/**
 * How this process reads the counters: from the database every server shares, never from
 * memory. The embedded SQLite store reads its file on a connection of its own, a prepared
 * statement run synchronously (the fastest read there is); PostgreSQL (DATABASE_URL, a
 * fleet) asks the app's pool.
 */
async function chooseReader(): Promise<() => Versions | Promise<Versions>> {
  const db = await getDb();
  if (engineOf(db) !== "sqlite") return () => readPageVersions(db);
  const sqlite = new SQLite(env().DATABASE_PATH, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  const statement = sqlite.prepare("select scope, version from page_versions").raw();
  return () => {
    const versions: Versions = {};
    for (const [scope, version] of statement.all() as Array<[string, number]>) {
      versions[scope] = version;
    }
    return versions;
  };
}

let reader: Promise<() => Versions | Promise<Versions>> | undefined;

/** The page_versions counters now, as the shared database has them. */
export async function pageVersions(): Promise<Versions> {
  reader ??= chooseReader().catch((error: unknown) => {
    reader = undefined; // tried again on the next request
    throw error;
  });
  return (await reader)();
}
