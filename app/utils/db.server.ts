import { sql } from "kysely";
import { createDatabase, databaseTarget, migrateToLatest, poolOf, type DB } from "#db/connection";
import { runExclusively } from "#db/exclusive";
import { expireStaleOrders } from "~/domain/orders/expiry.server";
import { scheduleStripeReconcile } from "~/domain/payments/reconcile.server";
import { env } from "./env.server";
import { log } from "./log.server";
import { metrics } from "./metrics.server";

/**
 * Where this process's database stands, for /readyz (ADR 053): not opened yet, migrating,
 * ready, failed to open, or closing for shutdown.
 */
export type DatabaseState = "idle" | "migrating" | "ready" | "failed" | "closing";

declare global {
  // The dev server re-imports modules on every change; keep one connection across them.
  var __shanhaiDb: Promise<DB> | undefined;
  var __shanhaiDbState: DatabaseState | undefined;
  var __shanhaiSweep: NodeJS.Timeout | undefined;
  var __shanhaiReconcile: NodeJS.Timeout | undefined;
}

export function databaseState(): DatabaseState {
  return globalThis.__shanhaiDbState ?? "idle";
}

async function open(): Promise<DB> {
  const config = env();
  const db = createDatabase(
    databaseTarget({ DATABASE_URL: config.DATABASE_URL, DATABASE_PATH: config.DATABASE_PATH }),
  );
  metrics.watchPool(() => poolOf(db));
  globalThis.__shanhaiDbState = "migrating";
  try {
    await migrateToLatest(db);
  } catch (error) {
    globalThis.__shanhaiDbState = "failed";
    log.error("database migration failed", error);
    throw error;
  }
  globalThis.__shanhaiDbState = "ready";
  await expireStaleOrders(db, new Date());
  if (!env().SHANHAI_SCHEDULER) return db;
  // every server of a fleet runs the sweep; one at a time does the work (db/exclusive.ts)
  globalThis.__shanhaiSweep ??= setInterval(() => {
    runExclusively(db, "expiry-sweep", () => expireStaleOrders(db, new Date())).catch((error) =>
      log.error("expiry sweep failed", error),
    );
  }, env().EXPIRY_SWEEP_SECONDS * 1000).unref();
  // Webhooks can be lost: ask Stripe about what is still unsettled (never throws).
  if (env().PAYMENT_GATEWAY === "stripe") {
    globalThis.__shanhaiReconcile ??= scheduleStripeReconcile(db, {
      everySeconds: env().RECONCILE_SECONDS,
      afterMinutes: env().RECONCILE_AFTER_MINUTES,
    });
  }
  return db;
}

/** The one connection of this process, migrated and swept on first use. */
export function getDb(): Promise<DB> {
  globalThis.__shanhaiDb ??= open();
  return globalThis.__shanhaiDb;
}

/**
 * Readiness: the database is open, migrated, and answers `select 1` within `timeoutMs`.
 * Never throws; says what is wrong instead.
 */
export async function checkDatabase(
  timeoutMs = 2_000,
): Promise<{ ready: true } | { ready: false; reason: string }> {
  const state = databaseState();
  if (state !== "ready") return { ready: false, reason: state };
  let timer: NodeJS.Timeout | undefined;
  try {
    const db = await getDb();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
    });
    await Promise.race([sql`select 1`.execute(db), timeout]);
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Shutdown: stops the timed sweeps and closes the connection (or pool). */
export async function closeDatabase(): Promise<void> {
  const opening = globalThis.__shanhaiDb;
  globalThis.__shanhaiDbState = "closing";
  if (globalThis.__shanhaiSweep) clearInterval(globalThis.__shanhaiSweep);
  if (globalThis.__shanhaiReconcile) clearInterval(globalThis.__shanhaiReconcile);
  globalThis.__shanhaiSweep = globalThis.__shanhaiReconcile = undefined;
  if (!opening) return;
  const db = await opening.catch(() => undefined);
  await db?.destroy();
}
