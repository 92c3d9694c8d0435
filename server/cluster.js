// SQLite in WAL mode takes readers from any number of processes and one writer at a time,
// so the store scales over the machine's cores by running one server per core behind
// Node's cluster (the primary accepts connections and hands them round).
import cluster from "node:cluster";
import os from "node:os";

/** A worker that dies this soon after starting is failing, not crashing now and then. */
const EARLY_EXIT_MS = 5_000;
const MAX_EARLY_EXITS = 3;
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * WEB_CONCURRENCY, else one per core in production and one elsewhere (dev, tests).
 * @param {Record<string, string | undefined>} [env]
 */
export function workerCount(env = process.env) {
  const n = Number(env.WEB_CONCURRENCY);
  if (Number.isInteger(n) && n >= 1) return n;
  return env.NODE_ENV === "production" ? os.availableParallelism() : 1;
}

/**
 * In the primary of a multi-process server: forks and watches the workers and returns true.
 * In a worker, or when one process is enough, returns false: the caller serves.
 */
export function runAsCluster() {
  if (cluster.isWorker) {
    // The primary is gone (killed, crashed): nobody hands us connections any more.
    process.on("disconnect", () => process.exit(0));
    return false;
  }
  const count = workerCount();
  if (count <= 1) return false;
  superviseWorkers(count);
  return true;
}

function superviseWorkers(count) {
  let stopping = false;
  let earlyExits = 0;
  // Only the first worker runs the timed sweeps (expiry, payment reconciliation): they are
  // safe to run twice, but once is enough.
  const fork = (scheduler) => {
    const worker = cluster.fork({ SHANHAI_SCHEDULER: scheduler ? "1" : "0" });
    const started = Date.now();
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - started < EARLY_EXIT_MS && ++earlyExits >= MAX_EARLY_EXITS) {
        console.error("workers keep failing at start; stopping");
        process.exit(1);
      }
      console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork(scheduler);
    });
    return worker;
  };
  // The first worker opens (and, if needed, migrates) the database before the others start.
  fork(true).once("listening", () => {
    for (let i = 1; i < count; i++) fork(false);
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      // Each worker stops accepting, finishes what it is serving and exits.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.disconnect();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
      setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    });
  }
}
