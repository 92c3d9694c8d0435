import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, two folders above this file (tests/e2e/server.ts). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface StoreServer {
  baseUrl: string;
  dbFile: string;
  /** what the server printed so far (stdout and stderr), for failure messages */
  output: () => string;
  stop: () => Promise<void>;
  /** the running process's id, or null while it is down */
  pid: () => number | null;
  /**
   * Ends the process with SIGKILL, as a crash or the OOM killer would: no shutdown hooks,
   * requests in flight are cut, only what SQLite committed survives.
   */
  kill: () => Promise<void>;
  /**
   * Sends `signal` (SIGTERM by default) and resolves with how the process ended, leaving the
   * database file in place: for tests of the graceful shutdown.
   */
  terminate: (
    signal?: NodeJS.Signals,
  ) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts it again on the same port, database file and session secret (cookies stay valid). */
  restart: () => Promise<void>;
}

export interface StartOptions {
  /**
   * Serve this PostgreSQL database (DATABASE_URL) instead of a SQLite file: already migrated
   * and filled by the caller, left in place by `stop`; `dbFile` is then this address. Several
   * servers may be started on one, as behind a load balancer.
   */
  databaseUrl?: string;
  /**
   * Serve this existing, migrated and seeded file instead of a fresh one, e.g. to run a
   * second process on another's database. It is left in place by `stop`.
   */
  dbFile?: string;
  /**
   * Another checkout to run instead of this one (its build/, server/ and db/ scripts), e.g. a
   * git worktree of an older commit, so a benchmark can measure before and after.
   */
  root?: string;
  /**
   * Seed the demo order history as `npm start` does (db/seed-data/demo-orders.ts). Off by
   * default: the browser tests place their own orders and count on a store without any, and
   * the history adds seconds to every server started.
   */
  demoOrders?: boolean;
  /** Runs on the migrated and seeded file before the server starts (a benchmark's data). */
  beforeStart?: (dbFile: string) => Promise<void> | void;
  /**
   * Keep only the last this-many characters of the server's output: a benchmark's access log
   * would otherwise grow without bound in this process.
   */
  maxOutputChars?: number;
}

const READY_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      if (!address || typeof address === "string") {
        srv.close();
        reject(new Error("could not find a free port"));
        return;
      }
      const { port } = address;
      srv.close(() => resolve(port));
    });
  });
}

function runTsx(script: string, env: NodeJS.ProcessEnv, root = ROOT): void {
  const result = spawnSync("npx", ["tsx", script], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `\`npx tsx ${script}\` failed (exit ${result.status}${result.signal ? `, signal ${result.signal}` : ""}):\n` +
        `${result.stdout ?? ""}\n${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`,
    );
  }
}

/** Migrates and seeds a new SQLite file at `file`, as `npm start` would. */
function migrateAndSeed(file: string, env: NodeJS.ProcessEnv, root: string, demoOrders: boolean) {
  const fileEnv = { ...env, DATABASE_PATH: file };
  runTsx("db/migrate.ts", fileEnv, root);
  runTsx("db/seed.ts", { ...fileEnv, SEED_DEMO_ORDERS: demoOrders ? "1" : "0" }, root);
}

/**
 * A fresh store at `dbFile`. Within a run that names a folder for them in
 * SHANHAI_STORE_TEMPLATES (tests/e2e/global-setup.ts), it is a copy of the first store
 * seeded alike that day: every server of the browser suite starts from the same seed, and
 * making it takes two tsx processes and several seconds. The seed dates things from today in
 * Shanghai (orders "3 days ago", today's till), so a run that passes midnight seeds again.
 */
function seededStore(dbFile: string, env: NodeJS.ProcessEnv, root: string, demoOrders: boolean) {
  const dir = process.env.SHANHAI_STORE_TEMPLATES;
  if (!dir) return migrateAndSeed(dbFile, env, root, demoOrders);
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const key = crypto
    .createHash("sha256")
    .update(`${root}\n${demoOrders}\n${day}`)
    .digest("hex")
    .slice(0, 16);
  const template = path.join(dir, `${key}.sqlite`);
  if (!fs.existsSync(template)) {
    const building = path.join(dir, `${key}.${process.pid}.${Date.now()}.sqlite`);
    migrateAndSeed(building, env, root, demoOrders);
    // the seed closes its connection, which folds the write-ahead log into the file
    if (fs.existsSync(`${building}-wal`) && fs.statSync(`${building}-wal`).size > 0) {
      throw new Error(`${building}: the seed left a write-ahead log; a copy would lose it`);
    }
    fs.renameSync(building, template);
  }
  fs.copyFileSync(template, dbFile);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls GET /readyz until it answers 200 (listening, database migrated and answering); fails
 * early if the process has exited.
 */
async function waitUntilReady(
  baseUrl: string,
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const exit = exited();
    if (exit) {
      throw new Error(
        `the store exited before it was ready (code ${exit.code}, signal ${exit.signal}):\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the store did not answer GET /readyz with 200 within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`,
      );
    }
    await sleep(200);
  }
}

/**
 * Starts the built store (`build/`) on a free loopback port with its own freshly migrated
 * and seeded SQLite file in a temp dir (or on `options.dbFile`). One per test file.
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<StoreServer> {
  const root = options.root ? path.resolve(options.root) : ROOT;
  const buildEntry = path.join(root, "build", "index.js");
  if (!fs.existsSync(buildEntry)) {
    throw new Error(
      `${buildEntry} does not exist: run \`npm run build\` first (npm run test:e2e does it for you)`,
    );
  }

  const external = options.databaseUrl ?? options.dbFile;
  const ownDir = external ? null : fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-e2e-"));
  const dbFile = external ?? path.join(ownDir!, "e2e.sqlite");
  const removeDir = () => {
    if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
  };

  let child: ChildProcess | undefined;
  let output = "";
  try {
    // vitest sets NODE_ENV=test and VITEST*: drop those; scripts and server run as production.
    // DATABASE_URL too, unless given: a SQLite store must not open the test run's PostgreSQL.
    const inherited = Object.entries(process.env).filter(
      ([key]) => !key.startsWith("VITEST") && key !== "DATABASE_URL",
    );
    const baseEnv: NodeJS.ProcessEnv = {
      ...Object.fromEntries(inherited),
      NODE_ENV: "production",
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_PATH: dbFile }),
    };
    if (!external) seededStore(dbFile, baseEnv, root, options.demoOrders ?? false);
    await options.beforeStart?.(dbFile);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const serverEnv: NodeJS.ProcessEnv = {
      ...baseEnv,
      NODE_ENV: "production",
      ALLOW_DEMO_PAYMENTS: "1",
      PUBLIC_URL: baseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      ...extraEnv,
    };

    const launch = async (): Promise<ChildProcess> => {
      const proc = spawn(process.execPath, [path.join(root, "server/index.js")], {
        cwd: root,
        env: serverEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = proc;
      const keep = options.maxOutputChars;
      const append = (d: string) => {
        output += d;
        // trimmed in bulk, not per chunk, so a busy log costs one copy now and then
        if (keep !== undefined && output.length > 2 * keep) output = output.slice(-keep);
      };
      proc.stdout?.setEncoding("utf8").on("data", append);
      proc.stderr?.setEncoding("utf8").on("data", append);
      const state: { exit?: { code: number | null; signal: NodeJS.Signals | null } } = {};
      proc.on("exit", (code, signal) => (state.exit = { code, signal }));

      try {
        await waitUntilReady(
          baseUrl,
          () => state.exit,
          () => output,
        );
      } catch (error) {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
        throw error;
      }
      return proc;
    };

    let proc: ChildProcess | null = await launch();
    const running = (p: ChildProcess | null): p is ChildProcess =>
      p !== null && p.exitCode === null && p.signalCode === null;
    return {
      baseUrl,
      dbFile,
      output: () => output,
      pid: () => (running(proc) ? (proc.pid ?? null) : null),
      kill: async () => {
        const p = proc;
        if (running(p)) {
          const gone = new Promise<void>((resolve) => p.once("exit", () => resolve()));
          p.kill("SIGKILL");
          await gone;
        }
        proc = null;
      },
      terminate: async (signal = "SIGTERM") => {
        const p = proc;
        if (!running(p)) throw new Error("terminate: the store is not running");
        const gone = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
          (resolve) => p.once("exit", (code, sig) => resolve({ code, signal: sig })),
        );
        p.kill(signal);
        const ended = await gone;
        proc = null;
        return ended;
      },
      restart: async () => {
        if (running(proc)) throw new Error("restart: the store is still running; kill it first");
        output += `\n--- restarted at ${new Date().toISOString()} ---\n`;
        proc = await launch();
      },
      stop: async () => {
        const p = proc;
        if (running(p)) {
          const gone = new Promise<void>((resolve) => p.once("exit", () => resolve()));
          p.kill("SIGTERM");
          const timer = setTimeout(() => p.kill("SIGKILL"), 5_000);
          await gone;
          clearTimeout(timer);
        }
        proc = null;
        removeDir();
      },
    };
  } catch (error) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    removeDir();
    throw error;
  }
}
