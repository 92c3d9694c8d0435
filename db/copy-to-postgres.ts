// Copying a live SQLite store into an empty PostgreSQL database (`npm run db:copy-to-pg`,
// ADR 055 "Copying a store across"). The SQLite side is read in one read transaction (one
// WAL snapshot, so a store still taking orders gives a consistent copy of one instant); the
// PostgreSQL side is migrated, checked empty, then filled in one transaction: all or nothing.
import fs from "node:fs";
import SQLite from "better-sqlite3";
import {
  type DatabaseConnection,
  Kysely,
  sql,
  SqliteDialect,
  SqliteDriver,
  type SqliteDialectConfig,
} from "kysely";
import { createDatabase, engineOf, isPostgresUrl, migrateToLatest, type DB } from "./connection";
import type { Database } from "./schema";
import { aidDashboard, type Dashboard } from "../app/domain/aid/dashboard.server";
import { aidTotals, type Totals } from "../app/domain/aid/dashboard/totals.server";
import { checkLedger } from "../app/domain/aid/ledger-check.server";
import { verifyLedger } from "../app/domain/aid/ledger-verify.server";
import { yearPeriod } from "../app/domain/aid/periods";

/**
 * Tables not copied: PostgreSQL derives or keeps them itself.
 * - product_search and its FTS5 shadow tables: on PostgreSQL a plain table the products
 *   triggers fill as products are inserted (from the copied cooperatives, categories, counties)
 * - kysely_migration(_lock): the target's own migrations ran before the copy
 * - sqlite_*: SQLite's own bookkeeping (sqlite_sequence is read for the identity sequences)
 */
export function isSkippedTable(name: string): boolean {
  return (
    name === "product_search" ||
    name.startsWith("product_search_") ||
    name === "kysely_migration" ||
    name === "kysely_migration_lock" ||
    name.startsWith("sqlite_")
  );
}

/**
 * Rows exist after migration on both engines, and the other tables' triggers bump them as
 * rows arrive: copied last, over what is there, so they end as the source has them.
 */
const OVERWRITTEN = new Set(["page_versions"]);

export interface ForeignKey {
  table: string;
  references: string;
}

/**
 * Tables parents first: every table after each table its foreign keys name. A table that
 * names itself is fine (rows are copied in id order); a cycle between tables is refused.
 */
export function foreignKeyOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const k of keys) {
    if (k.table !== k.references && parents.has(k.references))
      parents.get(k.table)?.add(k.references);
  }
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle: ${[...path, t].join(" → ")}`);
    visiting.add(t);
    for (const p of [...parents.get(t)!].sort()) visit(p, [...path, t]);
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return out;
}

/**
 * Kysely over the copy's read transaction: the domain's checks (which open transactions of
 * their own) run inside the one snapshot the rows were read from.
 */
class SnapshotSqliteDriver extends SqliteDriver {
  override async beginTransaction(_connection: DatabaseConnection): Promise<void> {}
  override async commitTransaction(_connection: DatabaseConnection): Promise<void> {}
  override async rollbackTransaction(_connection: DatabaseConnection): Promise<void> {}
}
class SnapshotSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new SnapshotSqliteDriver(this.#config);
  }
}

/** The SQLite store's tables (not the skipped ones), parents first, with their columns. */
export function sourceTables(
  source: SQLite.Database,
): Array<{ name: string; columns: string[]; key: string[] }> {
  const names = (
    source
      .prepare(`select name from sqlite_master where type = 'table' order by name`)
      .all() as Array<{ name: string }>
  )
    .map((r) => r.name)
    .filter((n) => !isSkippedTable(n));
  const keys: ForeignKey[] = names.flatMap((table) =>
    (
      source.prepare(`select "table" from pragma_foreign_key_list(?)`).all(table) as Array<{
        table: string;
      }>
    ).map((k) => ({ table, references: k.table })),
  );
  // page_versions last: the triggers of the tables copied before it bump its counters
  const order = foreignKeyOrder(names, keys);
  const last = order.filter((t) => OVERWRITTEN.has(t));
  return [...order.filter((t) => !OVERWRITTEN.has(t)), ...last].map((name) => {
    const columns = source
      .prepare(`select name, pk from pragma_table_info(?) order by cid`)
      .all(name) as Array<{ name: string; pk: number }>;
    return {
      name,
      columns: columns.map((c) => c.name),
      key: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    };
  });
}

export interface TableCopy {
  table: string;
  rows: number;
  ms: number;
}

export interface Comparison {
  what: string;
  ok: boolean;
  detail: string;
}

export interface CopyReport {
  tables: TableCopy[];
  rows: number;
  copySeconds: number;
  checks: Comparison[];
  ok: boolean;
  /** the aid dashboard figures compared, per year: aid total in fen on the target */
  years: Array<{ year: number; aidFen: number; otherFen: number }>;
}

export class CopyRefused extends Error {}

export interface CopyOptions {
  /** rows per multi-row insert (fewer when a table's columns would pass PostgreSQL's 65,535 parameters) */
  batch?: number;
  log?: (line: string) => void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies the SQLite store at `from` into the empty PostgreSQL database at `to`, then checks
 * the copy (row counts, ledger check and hash chain, the aid dashboard) on both sides.
 * Throws CopyRefused, leaving the target as it was, when the target is not empty or the
 * source is not migrated to the latest schema.
 */
export async function copyToPostgres(
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const log = options.log ?? (() => {});
  if (!isPostgresUrl(to)) throw new CopyRefused(`the target must be a postgres:// URL`);
  if (isPostgresUrl(from) || !fs.existsSync(from)) {
    throw new CopyRefused(`no SQLite store at ${from}`);
  }
  const source = new SQLite(from, { readonly: true, fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  const target = createDatabase(to, { poolSize: 2 });
  let snapshot: Kysely<Database> | null = null;
  try {
    // before migrating: a database with rows in it is someone's store, left as it is
    await refuseUnlessEmpty(target);
    await migrateToLatest(target);
    // one snapshot of the live store: a read transaction, started by its first read
    source.exec("begin");
    const applied = (
      source.prepare(`select name from kysely_migration order by name`).all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    const wanted = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(target)
    ).rows.map((r) => r.name);
    const missing = wanted.filter((m) => !applied.includes(m));
    const unknown = applied.filter((m) => !wanted.includes(m));
    if (missing.length || unknown.length) {
      throw new CopyRefused(
        missing.length
          ? `the SQLite store lacks migrations ${missing.join(", ")}: run npm run db:migrate on it first`
          : `the SQLite store has migrations this code does not know (${unknown.join(", ")}): copy with the code that wrote it`,
      );
    }
    const tables = sourceTables(source);
    const targetTables = new Set(
      (
        await sql<{ name: string }>`select tablename as name from pg_tables
          where schemaname = current_schema()`.execute(target)
      ).rows.map((r) => r.name),
    );
    const absent = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
    if (absent.length) throw new Error(`tables missing on PostgreSQL: ${absent.join(", ")}`);
    const notInSource = [...targetTables].filter(
      (t) => !isSkippedTable(t) && !tables.some((s) => s.name === t),
    );
    if (notInSource.length) {
      throw new Error(`tables on PostgreSQL the SQLite store lacks: ${notInSource.join(", ")}`);
    }
    const sequences = new Map(
      ((source
        .prepare(`select count(*) as n from sqlite_master where name = 'sqlite_sequence'`)
        .get() as { n: number })!.n
        ? (source.prepare(`select name, seq from sqlite_sequence`).all() as Array<{
            name: string;
            seq: number;
          }>)
        : []
      ).map((r) => [r.name, Number(r.seq)]),
    );
    const started = Date.now();
    const copied: TableCopy[] = [];
    await target.transaction().execute(async (trx) => {
      const raw = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
      // The page-cache triggers would bump one page_versions row per copied row (each bump a
      // new row version the next must step over: quadratic in a table's rows), and that table
      // is overwritten with the source's at the end anyway. Off for the copy, on again before
      // the commit (DDL is transactional here: a failed copy leaves them as they were). The
      // other triggers stay on: the ledger's chain check, the search rows, the foreign keys.
      const pageTriggers = (
        await sql<{ table: string; name: string }>`
          select c.relname as table, t.tgname as name from pg_trigger t
          join pg_class c on c.oid = t.tgrelid
          where not t.tgisinternal and t.tgenabled <> 'D' and t.tgname like 'page\_version\_%'
            and c.relnamespace = current_schema()::regnamespace`.execute(trx)
      ).rows;
      const toggle = async (state: "disable" | "enable") => {
        for (const t of pageTriggers) {
          await sql`alter table ${sql.table(t.table)} ${sql.raw(state)} trigger ${sql.ref(t.name)}`.execute(
            trx,
          );
        }
      };
      await toggle("disable");
      for (const table of tables) {
        const t = Date.now();
        const batch = Math.max(
          1,
          Math.min(options.batch ?? 1000, Math.floor(60_000 / table.columns.length)),
        );
        if (OVERWRITTEN.has(table.name)) {
          await sql`delete from ${sql.table(table.name)}`.execute(trx);
        }
        const rows = source
          .prepare(
            `select ${table.columns.map(quote).join(", ")} from ${quote(table.name)}` +
              // the ledger's hash chain is checked entry by entry as it is inserted: id order
              (table.key.length ? ` order by ${table.key.map(quote).join(", ")}` : ""),
          )
          .iterate() as IterableIterator<Record<string, unknown>>;
        let pending: Array<Record<string, unknown>> = [];
        let n = 0;
        const flush = async () => {
          if (!pending.length) return;
          await raw.insertInto(table.name).values(pending).execute();
          n += pending.length;
          pending = [];
        };
        for (const row of rows) {
          pending.push(row);
          if (pending.length >= batch) await flush();
        }
        await flush();
        copied.push({ table: table.name, rows: n, ms: Date.now() - t });
        log(`  ${table.name.padEnd(28)} ${String(n).padStart(9)} rows  ${Date.now() - t} ms`);
      }
      await toggle("enable");
      // new rows continue after the copied ones (and after any id SQLite handed out and
      // deleted since: sqlite_sequence keeps AUTOINCREMENT's high-water mark)
      const identities = (
        await sql<{ table_name: string; column_name: string }>`
          select table_name, column_name from information_schema.columns
          where table_schema = current_schema() and is_identity = 'YES'`.execute(trx)
      ).rows;
      for (const { table_name, column_name } of identities) {
        const floor = sequences.get(table_name) ?? 0;
        await sql`select setval(pg_get_serial_sequence(${quote(table_name)}, ${column_name}),
            greatest(coalesce(max(${sql.ref(column_name)}), 0), ${floor}::bigint) + 1, false)
          from ${sql.table(table_name)}`.execute(trx);
      }
    });
    const copySeconds = (Date.now() - started) / 1000;
    const rows = copied.reduce((s, t) => s + t.rows, 0);
    log(`copied ${rows} rows in ${copied.length} tables in ${copySeconds.toFixed(1)} s`);

    // the checks read the same snapshot on the SQLite side
    snapshot = new Kysely<Database>({
      dialect: new SnapshotSqliteDialect({ database: source }),
    });
    const checks = await compareStores(
      snapshot,
      target,
      tables.map((t) => t.name),
    );
    const years = await yearsOf(target);
    const yearFigures = [];
    for (const year of years) {
      const totals = await aidTotalsOf(target, year);
      yearFigures.push({ year, aidFen: totals.aidFen, otherFen: totals.otherFen });
    }
    return {
      tables: copied,
      rows,
      copySeconds,
      checks,
      ok: checks.every((c) => c.ok),
      years: yearFigures,
    };
  } finally {
    if (source.inTransaction) source.exec("commit");
    // the snapshot's Kysely closes the source handle; otherwise close it here
    if (snapshot) await snapshot.destroy();
    else source.close();
    await target.destroy();
  }
}

/**
 * Throws CopyRefused when any table of the database's schema has rows, other than the ones
 * migrations fill (page_versions, kysely_migration*). A database without tables is empty.
 */
export async function refuseUnlessEmpty(db: DB): Promise<void> {
  const tables = (
    await sql<{ name: string }>`select tablename as name from pg_tables
      where schemaname = current_schema() order by tablename`.execute(db)
  ).rows.map((r) => r.name);
  const filled: string[] = [];
  for (const name of tables) {
    if (OVERWRITTEN.has(name) || name.startsWith("kysely_migration")) continue;
    const { rows } = await sql<{
      any: number;
    }>`select exists (select 1 from ${sql.table(name)})::int as any`.execute(db);
    if (rows[0]!.any) filled.push(name);
  }
  if (filled.length) {
    throw new CopyRefused(
      `the target database is not empty (rows in ${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}); copy only into a new, empty database`,
    );
  }
}

async function yearsOf(db: DB): Promise<number[]> {
  const rows = await db
    .selectFrom("aid_ledger")
    .select(sql<string>`substr(day, 1, 4)`.as("year"))
    .distinct()
    .execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

const aidTotalsOf = (db: DB, year: number) => aidTotals(db, yearPeriod(year));

/**
 * The copy against its source, each read through the store's own code: rows per table, the
 * ledger check (ledger = paid lines − refunds, rollups agree), the hash chain and month
 * digests, and the aid dashboard of every year with ledger entries (totals, every breakdown:
 * county, channel, cooperative…, targets), to the fen.
 */
export async function compareStores(
  source: DB,
  target: DB,
  tables: readonly string[],
): Promise<Comparison[]> {
  const checks: Comparison[] = [];
  const label = (db: DB) => engineOf(db);

  const counts = async (db: DB) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
      out[t] = Number(r.rows[0]!.n);
    }
    return out;
  };
  const [a, b] = [await counts(source), await counts(target)];
  const differ = tables.filter((t) => a[t] !== b[t]);
  checks.push({
    what: "rows per table",
    ok: differ.length === 0,
    detail: differ.length
      ? differ.map((t) => `${t}: ${a[t]} → ${b[t]}`).join(", ")
      : `${tables.length} tables, ${Object.values(b).reduce((s, n) => s + n, 0)} rows`,
  });

  const attempt = async (what: string, run: () => Promise<Omit<Comparison, "what">>) => {
    try {
      checks.push({ what, ...(await run()) });
    } catch (error) {
      checks.push({ what, ok: false, detail: `could not run: ${String(error)}` });
    }
  };
  for (const db of [source, target]) {
    await attempt(`ledger:check on ${label(db)}`, async () => {
      const check = await checkLedger(db);
      return {
        ok: check.ok,
        detail: `${check.ordersChecked} orders, ledger ${check.ledgerTotalFen} fen, rollups ${check.rollupTotalFen} fen, ${check.broken.length} broken`,
      };
    });
  }
  for (const db of [source, target]) {
    await attempt(`ledger:verify on ${label(db)}`, async () => {
      const result = await verifyLedger(db);
      return { ok: result.ok, detail: `${result.entries} entries, ${result.brokenEntries} broken` };
    });
  }
  for (const year of await yearsOf(source)) {
    await attempt(`aid dashboard ${year}`, async () => {
      const period = yearPeriod(year);
      const [x, y] = [
        normalise(await aidDashboard(source, period)),
        normalise(await aidDashboard(target, period)),
      ];
      const differences = Object.keys(x).filter(
        (k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]),
      );
      return {
        ok: differences.length === 0,
        detail: differences.length
          ? `differs in ${differences.join(", ")}`
          : `aid ${(x.totals as Totals).aidFen} fen, other ${(x.totals as Totals).otherFen} fen; ` +
            `${(x["breakdowns.county"] as unknown[]).length} counties, ` +
            `${(x["breakdowns.channel"] as unknown[]).length} channels equal`,
      };
    });
  }
  return checks;
}

/** A dashboard as comparable parts, rows in a fixed order (ties may come back either way). */
function normalise(d: Dashboard) {
  const parts: Record<string, unknown> = {
    totals: d.totals,
    trend: d.trend,
    targets: [...d.targets].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q))),
    reportedMonths: d.reportedMonths,
  };
  for (const [dimension, rows] of Object.entries(d.breakdowns)) {
    parts[`breakdowns.${dimension}`] = [...rows].sort((p, q) => p.value.localeCompare(q.value));
  }
  return parts;
}

export function formatCopyReport(report: CopyReport): string {
  const lines = [
    `${report.rows} rows in ${report.tables.length} tables copied in ${report.copySeconds.toFixed(1)} s`,
  ];
  for (const c of report.checks)
    lines.push(`  ${c.ok ? "ok    " : "FAILED"} ${c.what}: ${c.detail}`);
  lines.push(
    report.ok
      ? "db:copy-to-pg OK"
      : "db:copy-to-pg FAILED: the copy (committed) does not match its source; drop the database, fix, copy again",
  );
  return lines.join("\n");
}
