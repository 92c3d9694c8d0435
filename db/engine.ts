import { PostgresAdapter, type Kysely } from "kysely";

/** The two engines the store runs on (ADR 052). */
export type Engine = "sqlite" | "postgres";

/** Which engine a Kysely instance (or a transaction of one) talks to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
