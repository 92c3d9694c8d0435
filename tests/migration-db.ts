// A store file of its own for a migration test, and a migrator that applies only the
// migrations named, so a test can build the schema as it stood before a migration landed.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { createDatabase, type DB } from "#db/connection";
import { migrations } from "#db/migrations/index";

/** A fresh SQLite file under a temporary folder; close() removes both. */
export function openTempStore(prefix: string): { db: DB; close: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = createDatabase(path.join(dir, `${crypto.randomBytes(4).toString("hex")}.sqlite`));
  return {
    db,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Applies exactly these migrations (by name) to the store. */
export async function migrateOnly(db: DB, names: string[]): Promise<void> {
  const chosen = Object.fromEntries(names.map((n) => [n, migrations[n]!]));
  const result = await new Migrator({
    db,
    provider: { getMigrations: async () => chosen },
  }).migrateToLatest();
  if (result.error) throw result.error;
}
