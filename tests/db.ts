import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest, type DB } from "#db/connection";

/** A fresh, migrated SQLite file for one test; removed by the returned cleanup. */
export async function freshDb(): Promise<{ db: DB; file: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-db-"));
  const file = path.join(dir, `${crypto.randomBytes(4).toString("hex")}.sqlite`);
  const db = createDatabase(file);
  await migrateToLatest(db);
  return {
    db,
    file,
    cleanup: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
