// SQLite's planner takes hints in the query's own text: a CROSS JOIN keeps the join order as
// written, INDEXED BY names the index. The aid office's integrity queries use both to start
// from their small tables (ADR 016). PostgreSQL takes no hints in SQL and plans from its
// statistics; there the same joins are plain inner joins (ADR 052).
import { sql, type Kysely, type RawBuilder } from "kysely";
import { engineOf } from "./engine";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** `cross join` on SQLite (order kept as written), `join` elsewhere; followed by `… on …`. */
export function pinnedJoin(db: AnyDb): RawBuilder<unknown> {
  return engineOf(db) === "sqlite" ? sql`cross join` : sql`join`;
}

/** `indexed by <index>` after a table on SQLite, nothing elsewhere. */
export function indexedBy(db: AnyDb, index: string): RawBuilder<unknown> {
  return engineOf(db) === "sqlite" ? sql.raw(`indexed by ${index}`) : sql``;
}
