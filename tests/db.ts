import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, isPostgresUrl, migrateToLatest, type DB } from "#db/connection";
import { createTestDatabase, dropTestDatabase, pgAdminUrl } from "./pg";

/**
 * A fresh, migrated store for one test, removed by the returned cleanup: a SQLite file, or
 * under npm run test:pg a PostgreSQL database copied from the migrated template (then `file`
 * is its postgres:// address).
 */
export async function freshDb(): Promise<{ db: DB; file: string; cleanup: () => Promise<void> }> {
  const adminUrl = pgAdminUrl();
  if (adminUrl) {
    const url = await createTestDatabase(adminUrl);
    const db = createDatabase(url, { poolSize: 4 });
    return {
      db,
      file: url,
      cleanup: async () => {
        await db.destroy();
        await dropTestDatabase(adminUrl, url);
      },
    };
  }
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

/** The environment for a script run against `file` (a freshDb's SQLite file or PostgreSQL URL). */
export function scriptEnv(file: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (isPostgresUrl(file)) env.DATABASE_URL = file;
  else {
    delete env.DATABASE_URL;
    env.DATABASE_PATH = file;
  }
  return env;
}
