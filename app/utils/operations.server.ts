// What server/app.js needs from the app to run it in a fleet (ADR 053): the log and its
// request scope, the metrics registry, readiness, and closing the database on shutdown.
// Handed over through the build (entry.server.tsx), so the server and the app share one
// registry, one AsyncLocalStorage and one connection, whatever each module graph imports.
import { checkDatabase, closeDatabase, databaseState } from "./db.server";
import { flushLog, log, withRequestScope } from "./log.server";
import { metrics, metricsText } from "./metrics.server";

export const operations = {
  log,
  flushLog,
  withRequestScope,
  metrics,
  metricsText,
  databaseState,
  checkDatabase,
  closeDatabase,
};

export type Operations = typeof operations;
