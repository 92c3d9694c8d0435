import { describe, expect, it } from "vitest";
import { expireStaleOrders } from "~/domain/orders/expiry.server";
import { checkDatabase, databaseState, getDb } from "./db.server";
import { metrics, metricsText } from "./metrics.server";

const value = async (name: string) =>
  (await metrics.registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0); // prettier-ignore

describe("readiness and metrics of one process", () => {
  it("is ready once the database is open and migrated, and answers select 1", async () => {
    await getDb();
    expect(databaseState()).toBe("ready");
    expect(await checkDatabase()).toEqual({ ready: true });
  });

  it("counts expiry sweeps and how long they take", async () => {
    const db = await getDb();
    const before = await value("shanhai_expiry_sweeps_total");
    await expireStaleOrders(db, new Date());
    expect(await value("shanhai_expiry_sweeps_total")).toBe(before + 1);
    const text = await metricsText();
    expect(text).toMatch(/^shanhai_expiry_sweep_duration_seconds_count \d+$/m);
    // SQLite: one connection, never waited for
    expect(text).toMatch(/^shanhai_db_pool_connections 1$/m);
    expect(text).toMatch(/^shanhai_db_pool_waiting 0$/m);
  });
});
