// SQLite in WAL mode takes readers from any number of processes and one writer at a time,
// so the store scales over the machine's cores by running one server per core behind
// Node's cluster (the primary accepts connections and hands them round).
import cluster from "node:cluster";
import os from "node:os";

/** A worker that dies this soon after starting is failing, not crashing now and then. */
const EARLY_EXIT_MS = 5_000;
const MAX_EARLY_EXITS = 3;

/** The primary's few lines, in the workers' JSON shape (app/utils/log.server.ts). */
function logLine(level, msg, fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  process.stdout.write(`${line}\n`);
}

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
    // The primary is gone (killed, crashed): nobody hands us connections any more. Stop as
    // on SIGTERM (server/app.js): finish what is being served, then exit.
    process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
    return false;
  }
  const count = workerCount();
  if (count <= 1) return false;
  superviseWorkers(count);
  return true;
}

/** Workers that have started serving: the ones a metrics scrape asks. */
const serving = new Set();
let collections = 0;

/** One worker's metrics as prom-client JSON, or null if it does not answer in time. */
function collectFrom(worker, id, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const done = (metrics) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      resolve(metrics);
    };
    const onMessage = (message) => {
      if (message?.type === "shanhai:metrics-collected" && message.id === id) done(message.metrics);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    worker.on("message", onMessage);
    worker.send({ type: "shanhai:metrics-collect", id });
  });
}

/** The serving workers' metrics, summed (a worker that does not answer is left out). */
async function clusterMetrics() {
  const { default: client } = await import("prom-client");
  const id = ++collections;
  const workers = [...serving].filter((worker) => worker.isConnected());
  const answers = await Promise.all(workers.map((worker) => collectFrom(worker, id)));
  return client.AggregatorRegistry.aggregate(answers.filter(Boolean)).metrics();
}

function superviseWorkers(count) {
  let stopping = false;
  let earlyExits = 0;
  // Only the first worker runs the timed sweeps (expiry, payment reconciliation): they are
  // safe to run twice, but once is enough.
  const fork = (scheduler) => {
    const worker = cluster.fork({ SHANHAI_SCHEDULER: scheduler ? "1" : "0" });
    const started = Date.now();
    worker.once("listening", () => serving.add(worker));
    worker.once("exit", () => serving.delete(worker));
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - started < EARLY_EXIT_MS && ++earlyExits >= MAX_EARLY_EXITS) {
        logLine("error", "workers keep failing at start; stopping");
        process.exit(1);
      }
      logLine("error", "worker exited; starting another", {
        pid: worker.process.pid,
        exit: signal ?? code,
      });
      fork(scheduler);
    });
    return worker;
  };
  // A scrape of /metrics lands on one worker, which asks here for every worker's numbers
  // (app/utils/metrics.server.ts): the primary gathers them from the workers that serve and
  // sums them with prom-client's AggregatorRegistry.
  cluster.on("message", async (worker, message) => {
    if (message?.type !== "shanhai:metrics-request") return;
    const reply = (answer) => {
      if (worker.isConnected()) worker.send({ type: "shanhai:metrics-reply", id: message.id, ...answer }); // prettier-ignore
    };
    try {
      reply({ text: await clusterMetrics() });
    } catch (error) {
      reply({ error: String(error?.message ?? error) });
    }
  });
  // The first worker opens (and, if needed, migrates) the database before the others start.
  fork(true).once("listening", () => {
    for (let i = 1; i < count; i++) fork(false);
  });
  // Each worker is told to stop as a single server would be (server/app.js): it fails its
  // readiness, stops accepting, finishes what it is serving and exits. The primary waits
  // for all of them, a little longer than their grace, and exits 0 if they all did.
  const graceMs = 1000 * (Number(process.env.SHUTDOWN_GRACE_SECONDS) || 10);
  let failed = false;
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logLine("info", "stopping workers", { signal, pid: process.pid });
      const remaining = () => Object.values(cluster.workers ?? {}).filter(Boolean);
      cluster.on("exit", (_worker, code, exitSignal) => {
        if (code !== 0 || exitSignal) failed = true;
        if (remaining().length === 0) process.exit(failed ? 1 : 0);
      });
      for (const worker of remaining()) worker.process.kill("SIGTERM");
      setTimeout(() => {
        logLine("warn", "workers still running after the grace; killing them");
        for (const worker of remaining()) worker.process.kill("SIGKILL");
        process.exit(1);
      }, graceMs + 5_000).unref();
    });
  }
}
