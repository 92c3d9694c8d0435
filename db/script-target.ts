// The database a command-line script works on, on either engine (ADR 055): DATABASE_URL
// (PostgreSQL) wins over DATABASE_PATH (a SQLite file), as for the app (databaseTarget).
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createDatabase, databaseTarget, isPostgresUrl, type DB } from "./connection";
import type { Database } from "./schema";

/** An address fit to print: a PostgreSQL URL without its password. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgres://…";
  }
}

export interface ScriptDatabase {
  db: DB;
  target: string;
  /** the address as printed (no password) */
  label: string;
}

/**
 * Opens the script's database, or prints why not and exits 2 (a SQLite file that is not
 * there: a script must not create an empty store by mistake). `readonly` opens a SQLite file
 * read-only, so a check never takes the write lock from the running store; on PostgreSQL
 * reads never wait for writers anyway.
 */
export function openScriptDatabase(
  script: string,
  {
    readonly = false,
    env = process.env,
  }: { readonly?: boolean; env?: Record<string, string | undefined> } = {},
): ScriptDatabase {
  const target = databaseTarget(env);
  const label = describeTarget(target);
  if (isPostgresUrl(target)) return { db: createDatabase(target, { poolSize: 2 }), target, label };
  if (target !== ":memory:" && !fs.existsSync(target)) {
    console.error(`${script}: no database at ${target} (set DATABASE_URL or DATABASE_PATH)`);
    process.exit(2);
  }
  if (!readonly) return { db: createDatabase(target), target, label };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: new SQLite(target, { readonly: true, fileMustExist: true }),
    }),
  });
  return { db, target, label };
}
