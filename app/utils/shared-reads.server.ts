// The catalogue a signed-in shopper sees is the one every visitor sees; only the header
// (name, cart) is theirs. Their pages are rendered per request (never served from the page
// cache), but the catalogue queries behind them need not run per request: a read is kept
// in memory with the page_versions counters it was read under, and used again only while
// those counters are unchanged — the same test the page cache makes, so a kept read is never
// staler than the database, across processes and servers (issue 11).
import type { CompiledQuery } from "kysely";
import type { DB } from "#db/connection";
import type { PageScope } from "./page-cache.server";
import { shanghaiDate } from "./time";

/** Reads kept per database; least recently used out beyond this. */
export const MAX_KEPT_READS = 500;

interface Kept {
  versions: string;
  value: unknown;
}

const keptByDb = new WeakMap<DB, Map<string, Kept>>();
const versionQueries = new WeakMap<DB, CompiledQuery>();

async function versionsOf(db: DB, scopes: readonly PageScope[]): Promise<string> {
  let query = versionQueries.get(db);
  if (!query) {
    query = db.selectFrom("page_versions").select(["scope", "version"]).compile();
    versionQueries.set(db, query);
  }
  const { rows } = await db.executeQuery<{ scope: string; version: number }>(query);
  const byScope = new Map(rows.map((r) => [r.scope, r.version]));
  return scopes.map((s) => byScope.get(s) ?? 0).join(",");
}

/**
 * `read()`'s value for `key`, kept while the scopes' counters (and the day in Shanghai:
 * certificates lapse and the year's total restarts at midnight with no write) stay the same.
 * Counters are read before the query, so a write during it leaves the kept value stale at
 * birth, never wrong. The value is shared between requests: callers must not mutate it.
 */
export async function sharedRead<T>(
  db: DB,
  scopes: readonly PageScope[],
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const versions = `${await versionsOf(db, scopes)} ${shanghaiDate(new Date())}`;
  let kept = keptByDb.get(db);
  if (!kept) {
    kept = new Map();
    keptByDb.set(db, kept);
  }
  const hit = kept.get(key);
  if (hit && hit.versions === versions) {
    kept.delete(key);
    kept.set(key, hit);
    return hit.value as T;
  }
  const value = await read();
  kept.delete(key);
  kept.set(key, { versions, value });
  if (kept.size > MAX_KEPT_READS) kept.delete(kept.keys().next().value as string);
  return value;
}
