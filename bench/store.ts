// The store under test: the built server in production mode on loopback, on a fresh
// database with the demo seed plus the generated catalogue, written before it starts.
// It and every other child stop with the bench, also on an error or Ctrl-C.
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
  stop: () => Promise<void>;
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
  const forget = stopOnExit(server.stop);
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
    stop: async () => {
      forget();
      await server.stop();
    },
  };
}
