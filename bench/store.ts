// The store under test: the built server in production mode on loopback, on a fresh
// database with the demo seed plus the generated catalogue, written before it starts: a
// SQLite file, or a PostgreSQL database (--db postgres: on BENCH_DATABASE_URL's cluster, else
// a throwaway cluster of its own from scripts/pg-cluster.sh). --servers N starts N servers on
// N ports on that one database, as behind a load balancer.
// It and every other child stop with the bench, also on an error or Ctrl-C.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDatabase, migrateToLatest } from "../db/connection";
import { seedDemo } from "../db/seed";
import { startServer, type StoreServer } from "../tests/e2e/server";
import { generateIntoFile, generateProducts, type CheckoutStock } from "./products";

export type Engine = "sqlite" | "postgres";

export interface StoreOptions {
  /** another checkout to serve (its build must exist); default this one */
  root?: string;
  /** WEB_CONCURRENCY for the server; unset means the server's own production default */
  workers?: string;
  products: number;
  checkoutRuns: number;
  limitedStock?: number;
  /** default sqlite */
  engine?: Engine;
  /** app servers on the one database, each on its own port (default 1) */
  servers?: number;
}

export interface Store {
  engine: Engine;
  /** the first server's address */
  baseUrl: string;
  /** every server's, for the load to be spread over */
  baseUrls: string[];
  /** the SQLite file, or the PostgreSQL database's postgres:// address */
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

const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../scripts/pg-cluster.sh",
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function admin(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database, migrated, with the demo seed and the generated catalogue: on
 * BENCH_DATABASE_URL's cluster (its own database there, dropped afterwards), else on a
 * throwaway cluster in a temp folder on a free port (stopped and removed afterwards).
 */
async function postgresDatabase(
  options: StoreOptions,
): Promise<{ url: string; checkout: CheckoutStock[]; drop: () => Promise<void> }> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-bench-pg-"));
    adminUrl = execFileSync("bash", [SCRIPT, "start", dir, String(await freePort())], {
      encoding: "utf8",
    }).trim();
  }
  const name = `bench_${crypto.randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    if (dir) execFileSync("bash", [SCRIPT, "stop", dir], { stdio: "inherit" });
    else await admin(adminUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await admin(adminUrl, `create database ${name}`);
    const db = createDatabase(url.toString(), { poolSize: 2 });
    try {
      await migrateToLatest(db);
      await seedDemo(db);
      const made = await generateProducts(db, {
        count: options.products,
        checkoutRuns: options.checkoutRuns,
        limitedStock: options.limitedStock,
      });
      return { url: url.toString(), checkout: made.checkout, drop };
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await drop();
    throw error;
  }
}

export async function startStore(options: StoreOptions): Promise<Store> {
  const engine = options.engine ?? "sqlite";
  const count = Math.max(1, options.servers ?? 1);
  // one secret for all, so the signed-in shopper's cookie is good on every server
  const env: Record<string, string> = { SESSION_SECRET: crypto.randomBytes(32).toString("hex") };
  if (options.workers !== undefined) env.WEB_CONCURRENCY = options.workers;
  // "unset" means unset: not whatever the shell running the bench happens to export
  else delete process.env.WEB_CONCURRENCY;
  let checkout: CheckoutStock[] = [];
  const started = Date.now();
  const servers: StoreServer[] = [];
  let dropDatabase = async () => {};
  const stopAll = async () => {
    for (const server of servers) {
      const workers = childrenOf(server.pid());
      await server.stop();
      killAll(workers);
    }
    await dropDatabase();
  };
  const forget = stopOnExit(stopAll);
  try {
    if (engine === "postgres") {
      const made = await postgresDatabase(options);
      checkout = made.checkout;
      dropDatabase = made.drop;
      for (let i = 0; i < count; i++) {
        servers.push(
          await startServer(env, {
            root: options.root,
            maxOutputChars: 20_000,
            databaseUrl: made.url,
          }),
        );
      }
    } else {
      servers.push(
        await startServer(env, {
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
        }),
      );
      // the others on the first one's file, which it removes when it stops (so it stops last)
      for (let i = 1; i < count; i++) {
        servers.unshift(
          await startServer(env, {
            root: options.root,
            maxOutputChars: 20_000,
            dbFile: servers.at(-1)!.dbFile,
          }),
        );
      }
    }
  } catch (error) {
    forget();
    await stopAll();
    throw error;
  }
  const first = servers.at(-1)!;
  const ordered = [first, ...servers.slice(0, -1)];
  console.error(
    `bench: ${count} store server(s) on ${engine} up at ${ordered.map((s) => s.baseUrl).join(", ")} ` +
      `with ${options.products} generated products ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s to prepare)`,
  );
  /** Waits until this server is idle, else restarts it; null when it was restarted. */
  const settleOne = async (server: StoreServer): Promise<number | null> => {
    const began = Date.now();
    // one probe per possible worker: each connection may land on a different one
    const probes = Math.max(2, os.availableParallelism(), Number(options.workers ?? 0));
    try {
      await Promise.all(Array.from({ length: probes }, () => healthz(server.baseUrl, SETTLE_MS)));
      return Date.now() - began;
    } catch {
      const workers = childrenOf(server.pid());
      await server.kill();
      killAll(workers);
      await server.restart();
      return null;
    }
  };
  return {
    engine,
    baseUrl: first.baseUrl,
    baseUrls: ordered.map((s) => s.baseUrl),
    dbFile: first.dbFile,
    root: options.root,
    checkout,
    workers:
      options.workers ?? `default (os.availableParallelism() = ${os.availableParallelism()})`,
    output: () => ordered.map((s) => s.output()).join("\n--- next server ---\n"),
    settle: async () => {
      const drains = await Promise.all(ordered.map(settleOne));
      if (drains.some((d) => d === null)) return { drainMs: null };
      return { drainMs: Math.max(...(drains as number[])) };
    },
    stop: async () => {
      forget();
      await stopAll();
    },
  };
}
