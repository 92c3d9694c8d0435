import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, migrateToLatest, type DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { backupDatabase, listBackups } from "./backup";
import { onPostgresSuite } from "#tests/pg";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let dir: string;

beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  dir = path.join(path.dirname(file), "backups");
});
afterEach(async () => cleanup());

async function count(target: DB, table: "orders" | "aid_ledger") {
  const row = await target
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("online backup", () => {
  // SQLite's online backup of its file (PostgreSQL's is pg_dump, docs/deploy.md)
  it.skipIf(onPostgresSuite)(
    "copies a consistent store while orders keep being paid, and the copy restores",
    async () => {
      const { datong } = await createBasicCatalog(db);
      const product = await createProduct(db, { cooperativeId: datong, stock: 100_000 });
      // enough rows for more pages than the backup's first step copies
      for (let i = 0; i < 150; i++) {
        await createPaidOrder(db, [{ productId: product, quantity: 1 }]);
      }

      let done = false;
      let duringBackup = 0;
      const writer = (async () => {
        while (!done && duringBackup < 200) {
          await createPaidOrder(db, [{ productId: product, quantity: 2 }]);
          duringBackup++;
        }
      })();
      // the writer pays orders between the backup's steps
      const result = await backupDatabase(file, dir);
      done = true;
      await writer;
      expect(duringBackup).toBeGreaterThan(0);
      expect(result.pages).toBeGreaterThan(100);

      // Restore: the backup file becomes a store's database.
      const restoredFile = path.join(path.dirname(file), "restored.sqlite");
      fs.copyFileSync(result.file, restoredFile);
      const restored = createDatabase(restoredFile);
      try {
        await migrateToLatest(restored);
        const check = await checkLedger(restored);
        expect(check.broken).toEqual([]);
        expect(check.ok).toBe(true);
        const orders = await count(restored, "orders");
        expect(orders).toBeGreaterThanOrEqual(150);
        expect(orders).toBeLessThanOrEqual(150 + duringBackup);
        // every paid order in the copy has its ledger entry (one line each)
        expect(await count(restored, "aid_ledger")).toBe(orders);
      } finally {
        await restored.destroy();
      }
    },
  );

  // SQLite's online backup of its file (PostgreSQL's is pg_dump, docs/deploy.md)
  it.skipIf(onPostgresSuite)("keeps the newest N backups and leaves no partial file", async () => {
    const base = Date.parse("2026-11-30T01:00:00Z");
    for (let i = 0; i < 4; i++) {
      await backupDatabase(file, dir, { keep: 2, now: new Date(base + i * 60_000) });
    }
    expect(listBackups(dir).map((f) => path.basename(f))).toEqual([
      "shanhai-20261130T010200Z.sqlite",
      "shanhai-20261130T010300Z.sqlite",
    ]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("refuses a database that is not there", async () => {
    await expect(backupDatabase(path.join(dir, "missing.sqlite"), dir)).rejects.toThrow();
  });
});
