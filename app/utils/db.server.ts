import { createDatabase, databaseTarget, migrateToLatest, type DB } from "#db/connection";
import { expireStaleOrders } from "~/domain/orders/expiry.server";
import { scheduleStripeReconcile } from "~/domain/payments/reconcile.server";
import { env } from "./env.server";

declare global {
  // The dev server re-imports modules on every change; keep one connection across them.
  var __shanhaiDb: Promise<DB> | undefined;
  var __shanhaiSweep: NodeJS.Timeout | undefined;
  var __shanhaiReconcile: NodeJS.Timeout | undefined;
}

async function open(): Promise<DB> {
  // DATABASE_URL (PostgreSQL, shared by a fleet) when set, else the SQLite file
  const { DATABASE_URL, DATABASE_PATH } = env();
  const db = createDatabase(databaseTarget({ DATABASE_URL, DATABASE_PATH }));
  await migrateToLatest(db);
  await expireStaleOrders(db, new Date());
  if (!env().SHANHAI_SCHEDULER) return db;
  globalThis.__shanhaiSweep ??= setInterval(() => {
    expireStaleOrders(db, new Date()).catch((error) => console.error("expiry sweep failed", error));
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
