import { sql } from "kysely";
import type { DB } from "./connection";
import { engineOf } from "./engine";

/** The first key of the two-key advisory locks the timed sweeps take (ADR 052). */
const SWEEP_LOCK_CLASS = 0x5348_5357; // "SHSW"

/**
 * Runs a timed sweep (expiring orders, asking Stripe) unless another server is running the
 * same one right now, in which case it returns `{ ran: false }` at once. On PostgreSQL a
 * session advisory lock on a connection held for the sweep (released if that connection
 * dies); the sweep itself uses the pool as usual. On SQLite the one machine's processes
 * agree through SHANHAI_SCHEDULER (server/cluster.js), so the sweep just runs. Sweeps are
 * also safe to run twice (every step is a conditional update); this spares the work.
 */
export async function runExclusively<T>(
  db: DB,
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (engineOf(db) !== "postgres") return { ran: true, result: await work() };
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${SWEEP_LOCK_CLASS}, hashtext(${name})) as locked`.execute(
      connection,
    );
    if (!rows[0]?.locked) return { ran: false as const };
    try {
      return { ran: true as const, result: await work() };
    } finally {
      await sql`select pg_advisory_unlock(${SWEEP_LOCK_CLASS}, hashtext(${name}))`.execute(
        connection,
      );
    }
  });
}
