// The store under test: the built server in production mode on loopback, on a fresh
// database with the demo seed plus the generated catalogue, written before it starts.
// It and every other child stop with the bench, also on an error or Ctrl-C.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { startServer } from "../tests/e2e/server";
import { generateIntoFile, type CheckoutStock } from "./products";

export interface StoreOptions {
  /** another checkout to serve (its build must exist); default this one */
  root?: string;
  /** WEB_CONCURRENCY for the server; unset means the server's own production default */
  workers?: string;
  products: number;
  checkoutRuns: number;
  limitedStock?: number;
}

export interface Store {
  baseUrl: string;
  dbFile: string;
  root: string | undefined;
  checkout: CheckoutStock[];
  workers: string;
  output: () => string;
  /**
   * Waits until the store has worked off what the last measurement left queued (requests
   * the load generator gave up on are still rendered), so it does not slow the next one.
   * After SETTLE_MS it is restarted instead (same port, file and secret: cookies stay
   * valid); `drainMs` is then null.
   */
  settle: () => Promise<{ drainMs: number | null }>;
  stop: () => Promise<void>;
}

const SETTLE_MS = 10_000;

/**
 * The processes `pid` started (the cluster's workers), from /proc; none off Linux. A worker
 * outlives a killed primary while it works off its queue, eating the CPU the next
 * measurement needs, so the bench ends them itself.
 */
function childrenOf(pid: number | null): number[] {
  if (pid === null || !fs.existsSync("/proc")) return [];
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …"; comm may hold spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function killAll(pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** GET /healthz on a connection of its own; resolves on a 200, rejects after `ms`. */
function healthz(baseUrl: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/healthz`, { agent: false, timeout: ms }, (res) => {
      res.resume();
      res.on("end", () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`)),
      );
    });
    req.on("timeout", () => req.destroy(new Error("busy")));
    req.on("error", reject);
  });
}

const cleanups = new Set<() => Promise<void>>();
let handling = false;

/** Runs `stop` when the bench is interrupted; returns a function that forgets it again. */
export function stopOnExit(stop: () => Promise<void>): () => void {
  cleanups.add(stop);
  if (!handling) {
    handling = true;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, async () => {
        console.error(`\nbench: ${signal}, stopping what it started…`);
        await Promise.allSettled([...cleanups].map((c) => c()));
        process.exit(130);
      });
    }
  }
  return () => cleanups.delete(stop);
}

export async function startStore(options: StoreOptions): Promise<Store> {
  const env: Record<string, string> = {};
  if (options.workers !== undefined) env.WEB_CONCURRENCY = options.workers;
  // "unset" means unset: not whatever the shell running the bench happens to export
  else delete process.env.WEB_CONCURRENCY;
  let checkout: CheckoutStock[] = [];
  const started = Date.now();
  const server = await startServer(env, {
    root: options.root,
    maxOutputChars: 20_000,
    beforeStart: async (dbFile) => {
      const made = await generateIntoFile(dbFile, {
        count: options.products,
        checkoutRuns: options.checkoutRuns,
        limitedStock: options.limitedStock,
      });
      checkout = made.checkout;
    },
  });
  const stop = async () => {
    const workers = childrenOf(server.pid());
    await server.stop();
    killAll(workers);
  };
  const forget = stopOnExit(stop);
  console.error(
    `bench: store up at ${server.baseUrl} with ${options.products} generated products ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s to prepare)`,
  );
  return {
    baseUrl: server.baseUrl,
    dbFile: server.dbFile,
    root: options.root,
    checkout,
    workers:
      options.workers ?? `default (os.availableParallelism() = ${os.availableParallelism()})`,
    output: server.output,
    settle: async () => {
      const began = Date.now();
      // one probe per possible worker: each connection may land on a different one
      const probes = Math.max(2, os.availableParallelism(), Number(options.workers ?? 0));
      try {
        await Promise.all(Array.from({ length: probes }, () => healthz(server.baseUrl, SETTLE_MS)));
        return { drainMs: Date.now() - began };
      } catch {
        const workers = childrenOf(server.pid());
        await server.kill();
        killAll(workers);
        await server.restart();
        return { drainMs: null };
      }
    },
    stop: async () => {
      forget();
      await stop();
    },
  };
}
