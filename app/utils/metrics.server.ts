// The process's Prometheus metrics (ADR 053). Domain code imports the counters from here;
// server/app.js gets this same registry from the build (entry.server.tsx `operations`) and
// serves it at /metrics, so there is exactly one registry whichever module graph counts.
import cluster from "node:cluster";
import client from "prom-client";
import type pg from "pg";

/** Messages between a cluster worker and the primary about metrics (server/cluster.js). */
export const CLUSTER_METRICS = {
  /** worker → primary: the whole cluster's metrics, please; primary → worker: here they are */
  request: "shanhai:metrics-request",
  reply: "shanhai:metrics-reply",
  /** primary → worker: this process's metrics as JSON, please; worker → primary: here */
  collect: "shanhai:metrics-collect",
  collected: "shanhai:metrics-collected",
} as const;

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  /** Pools to report on; a getter, because the database opens after the metrics exist. */
  let pool: () => pg.Pool | null = () => null;
  const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        // SQLite: one connection, never waited for
        this.set(p ? read(p) : name.endsWith("waiting") ? 0 : 1);
      },
    });

  return {
    registry,
    /** server/app.js observes every request; `route` is a route id or a fixed word */
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time to answer a request, by route (Remix route id, or static/unmatched/operations)",
      labelNames: ["route", "method", "status", "cache"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ordersPlaced: new client.Counter({
      name: "shanhai_orders_placed_total",
      help: "Orders placed (the transaction committed), online or at a counter's till",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    ordersPaid: new client.Counter({
      name: "shanhai_orders_paid_total",
      help: "Orders that became paid (a payment event applied, or a till sale)",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    webhookDelay: new client.Histogram({
      name: "shanhai_webhook_delay_seconds",
      help: "From a Stripe event's creation to its arrival here",
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 86400],
      registers: [registry],
    }),
    expirySweeps: new client.Counter({
      name: "shanhai_expiry_sweeps_total",
      help: "Sweeps for unpaid orders past their time, by result",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    expirySweepDuration: new client.Histogram({
      name: "shanhai_expiry_sweep_duration_seconds",
      help: "Time an expiry sweep took",
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    ordersExpired: new client.Counter({
      name: "shanhai_orders_expired_total",
      help: "Unpaid orders closed by the expiry sweep",
      registers: [registry],
    }),
    dbPool: {
      total: poolGauge("shanhai_db_pool_connections", "Database connections open", (p) => p.totalCount), // prettier-ignore
      idle: poolGauge("shanhai_db_pool_idle", "Database connections idle", (p) => p.idleCount),
      waiting: poolGauge("shanhai_db_pool_waiting", "Queries waiting for a connection", (p) => p.waitingCount), // prettier-ignore
    },
    /** db.server.ts: report this pool (null: SQLite, one connection) */
    watchPool(get: () => pg.Pool | null) {
      pool = get;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

declare global {
  // The dev server re-imports modules on every change: a second registration would throw.
  var __shanhaiMetrics: Metrics | undefined;
  var __shanhaiMetricsListening: boolean | undefined;
}

export const metrics: Metrics = (globalThis.__shanhaiMetrics ??= createMetrics());

// In a cluster worker, give the primary this process's numbers when it gathers them.
if (cluster.isWorker && !globalThis.__shanhaiMetricsListening) {
  globalThis.__shanhaiMetricsListening = true;
  process.on("message", (message: { type?: string; id?: number }) => {
    if (message?.type !== CLUSTER_METRICS.collect) return;
    void metrics.registry.getMetricsAsJSON().then((json) => {
      if (process.connected) process.send!({ type: CLUSTER_METRICS.collected, id: message.id, metrics: json }); // prettier-ignore
    });
  });
}

let asked = 0;

/**
 * What /metrics shows: this process's registry, or in a cluster worker the sum over all the
 * workers, which the primary gathers (a scrape lands on any one worker).
 */
export function metricsText(timeoutMs = 6_000): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics.registry.metrics();
  const id = ++asked;
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== CLUSTER_METRICS.reply || message.id !== id) return;
      settle();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? "");
    };
    const timer = setTimeout(() => {
      settle();
      reject(new Error("the primary did not answer with the cluster's metrics"));
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send!({ type: CLUSTER_METRICS.request, id });
  });
}
