import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  PostgresDriver,
  type PostgresDialectConfig,
  type TransactionSettings,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type MigrationResultSet,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { migrations } from "./migrations/index";
import { PostgresSchemaPlugin } from "./postgres-schema";
import type { Database } from "./schema";

/**
 * Write transactions take the write lock up front (BEGIN IMMEDIATE). A deferred
 * transaction that reads and then writes can fail with SQLITE_BUSY_SNAPSHOT when another
 * process wrote in between, and busy_timeout does not help there.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * The lock every PostgreSQL write transaction takes first (ADR 052): one writer at a time
 * across every app server, as SQLite's BEGIN IMMEDIATE gives on one machine. The domain's
 * read-then-write steps (the ledger's hash chain, the aid office's distinct counts, stock
 * holds) were written and proven against that; plain reads never wait for it.
 */
export const WRITE_LOCK_KEY = 0x5348_4857; // "SHHW"

class SerialPostgresDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    await super.beginTransaction(connection, settings);
    if (settings.accessMode === "read only") return;
    await connection.executeQuery(
      CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`),
    );
  }
}

class SerialPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new SerialPostgresDriver(this.#config);
  }
}

export type DB = Kysely<Database>;

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // The planner picks the catalogue's indexes from table statistics: refresh them where
  // they are missing or stale (bounded work, as SQLite recommends for long-lived connections).
  sqlite.pragma("analysis_limit = 400");
  sqlite.pragma("optimize = 0x10002");
  return sqlite;
}

/** How many prepared statements one connection keeps (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with prepared statements kept by their SQL text.
 * Kysely's SqliteDriver prepares every query afresh; preparing (parsing and planning) was a
 * good part of a small query's cost, and a page runs the same few shapes every time. Bounded,
 * since SQL with `in (?, ?, …)` lists has as many texts as list lengths. A statement still
 * iterating (a streamed export) is busy: a query with the same text then gets its own.
 */
export function withStatementCache(
  sqlite: SQLite.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached) {
        if (cached.busy) return sqlite.prepare(sql);
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** Whether a database address names PostgreSQL (postgres:// or postgresql://). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export { engineOf, type Engine } from "./engine";

/**
 * PostgreSQL sends bigint (count, sum, our integer columns) and numeric (avg) as strings, so a
 * row would read differently on the two engines. Our integers are fen and counts, far below
 * 2^53; one that is not must fail loudly rather than turn into a rounded amount.
 */
function parseSafeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond 2^53`);
  return n;
}
pg.types.setTypeParser(pg.types.builtins.INT8, parseSafeInteger);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));

/** Connections each app server keeps to PostgreSQL (DATABASE_POOL_SIZE, default 10). */
export function poolSize(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.DATABASE_POOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? n : 10;
}

/** The pool behind a PostgreSQL Kysely instance, for metrics and readiness; null on SQLite. */
const pools = new WeakMap<object, pg.Pool>();
export function poolOf(db: DB): pg.Pool | null {
  return pools.get(db) ?? null;
}

/**
 * A database by its address: a postgres:// URL opens a pool on PostgreSQL, anything else is
 * a SQLite file (or :memory:).
 */
export function createDatabase(target: string, options: { poolSize?: number } = {}): DB {
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({
      connectionString: target,
      max: options.poolSize ?? poolSize(),
      // Our text timestamps are UTC ISO strings; the session's zone only matters to now().
      options: "-c TimeZone=UTC",
    });
    // An idle connection the server dropped (restart, failover) must not crash the process.
    pool.on("error", (error) => console.error("database pool", error.message));
    const db = new Kysely<Database>({
      // the cursor lets a long export stream rows (`.stream()`) in constant memory
      dialect: new SerialPostgresDialect({ pool, cursor: Cursor }),
      plugins: [new PostgresSchemaPlugin()],
    });
    pools.set(db, pool);
    return db;
  }
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(target)) }),
  });
}

/**
 * Where this process's database is: DATABASE_URL (PostgreSQL) when set, else the SQLite file
 * at DATABASE_PATH (default data/shanhai.sqlite).
 */
export function databaseTarget(env: Record<string, string | undefined> = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return env.DATABASE_PATH || "data/shanhai.sqlite";
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
