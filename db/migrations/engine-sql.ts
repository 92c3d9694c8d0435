// The migrations are written in SQLite's SQL and run there as written. On PostgreSQL, the few
// statements SQLite spells its own way go through here (ADR 052): triggers (SQLite's
// `begin … end` bodies become PL/pgSQL functions), and the SQLite functions the back-fills
// use (strftime) exist as SQL functions of the same meaning. Column types, row ids and
// `without rowid` are mapped by the schema plugin (db/postgres-schema.ts).
import { sql, type Kysely, type RawBuilder } from "kysely";
import { engineOf } from "../engine";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const onPostgres = (db: AnyDb): boolean => engineOf(db) === "postgres";

/**
 * SQLite's strftime(format, time[, modifier]) for the formats and modifiers the migrations
 * use: %Y %m %d %H %M %S %f, a time of 'now' or an ISO text, a modifier such as '+8 hours'.
 * Text in, text out, as in SQLite, so back-fills give the same keys on both engines. And
 * pg_trgm, which the search index uses.
 */
export async function installSqliteFunctions(db: AnyDb): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql
    .raw(
      `create or replace function strftime(fmt text, at text, modifier text default null)
       returns text language sql stable as $fn$
         select to_char(
           (case when at = 'now' then (now() at time zone 'UTC') else at::timestamp end)
             + coalesce(modifier::interval, interval '0'),
           replace(replace(replace(replace(replace(replace(replace(replace(
             '"' || fmt || '"',
             '%Y', '"YYYY"'), '%m', '"MM"'), '%d', '"DD"'), '%H', '"HH24"'), '%M', '"MI"'),
             '%S', '"SS"'), '%f', '"SS.MS"'), '""', ''))
       $fn$`,
    )
    .execute(db);
  // SQLite's instr(haystack, needle): where needle starts (1-based), 0 if absent
  await sql`create or replace function instr(haystack text, needle text) returns integer
    language sql immutable as $fn$ select strpos(haystack, needle) $fn$`.execute(db);
  // SQLite's scalar max(a, b) and min(a, b) (null if either is), beside the aggregates
  for (const [name, op] of [
    ["max", ">="],
    ["min", "<="],
  ]) {
    await sql
      .raw(
        `create or replace function ${name}(a anycompatible, b anycompatible)
         returns anycompatible language sql immutable as $fn$
           select case when a is null or b is null then null when a ${op} b then a else b end
         $fn$`,
      )
      .execute(db);
  }
}

const TRIGGER =
  /^\s*create trigger (\w+) (before|after) (insert|update|delete)( of [\w\s,]+?)? on (\w+)\s+(?:when\s+([\s\S]*?)\s+)?begin\s+([\s\S]*?)\s*end\s*$/i;

/** A SQLite trigger condition or statement in PostgreSQL's spelling. */
export function postgresExpression(text: string): string {
  return text
    .replace(/\bis not (?!null\b)/gi, "is distinct from ")
    .replace(/\bmax\(/gi, "greatest(")
    .replace(/\bmin\(/gi, "least(")
    .replace(/select raise\(abort, ('(?:[^']|'')*')\)/gi, "raise exception $1");
}

/**
 * The PostgreSQL statements for one SQLite `create trigger … [when …] begin …; end`: a row
 * trigger calling a PL/pgSQL function named after it, the condition tested in the body
 * (PostgreSQL's WHEN takes no subqueries).
 */
export function postgresTrigger(sqliteText: string): string[] {
  const m = TRIGGER.exec(sqliteText);
  if (!m) throw new Error(`not a trigger this translation knows: ${sqliteText.slice(0, 80)}`);
  const [, name, timing, event, of = "", table, when, body] = m;
  const statements = postgresExpression(body!);
  const guarded = when ? `if ${postgresExpression(when)} then\n${statements}\nend if;` : statements;
  const result =
    timing!.toLowerCase() === "before"
      ? event!.toLowerCase() === "delete"
        ? "old"
        : "new"
      : "null";
  return [
    `create or replace function ${name}_fn() returns trigger language plpgsql as $fn$
     begin
       ${guarded}
       return ${result};
     end $fn$`,
    `create trigger ${name} ${timing} ${event}${of} on ${table} for each row execute function ${name}_fn()`,
  ];
}

/** Creates a trigger written in SQLite's form, on either engine. */
export async function createTrigger(
  db: AnyDb,
  trigger: string | RawBuilder<unknown>,
): Promise<void> {
  const statement = typeof trigger === "string" ? sql.raw(trigger) : trigger;
  if (!onPostgres(db)) {
    await statement.execute(db);
    return;
  }
  const compiled = statement.compile(db);
  if (compiled.parameters.length) throw new Error("a trigger takes literals, not parameters");
  for (const text of postgresTrigger(compiled.sql)) await sql.raw(text).execute(db);
}

/** Drops a trigger (and, on PostgreSQL, its function). */
export async function dropTrigger(db: AnyDb, name: string, table: string): Promise<void> {
  if (!onPostgres(db)) {
    await sql.raw(`drop trigger ${name}`).execute(db);
    return;
  }
  await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
  await sql.raw(`drop function ${name}_fn()`).execute(db);
}
