// Every test file gets its own SQLite file (or PostgreSQL database), so route tests (which use the app's one
// connection) never see each other's rows.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { createTestDatabase, dropTestDatabase, pgAdminUrl } from "./pg";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-test-"));
process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = path.join(dir, `app-${crypto.randomBytes(4).toString("hex")}.sqlite`);
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret-1234";
// The store's own address, as the route tests' requests use it (tests/http.ts BASE).
process.env.PUBLIC_URL = "http://shop.test";
globalThis.__shanhaiDb = undefined;
// npm run test:pg: the app's database is a PostgreSQL database of this file's own
const adminUrl = pgAdminUrl();
if (adminUrl) process.env.DATABASE_URL = await createTestDatabase(adminUrl, "app");

afterAll(async () => {
  const db = await globalThis.__shanhaiDb?.catch(() => undefined);
  await db?.destroy();
  globalThis.__shanhaiDb = undefined;
  // npm run test:pg: the app's database is a PostgreSQL database of this file's own
  const adminUrl = pgAdminUrl();
  if (adminUrl) process.env.DATABASE_URL = await createTestDatabase(adminUrl, "app");
  if (globalThis.__shanhaiSweep) clearInterval(globalThis.__shanhaiSweep);
  globalThis.__shanhaiSweep = undefined;
  if (globalThis.__shanhaiReconcile) clearInterval(globalThis.__shanhaiReconcile);
  globalThis.__shanhaiReconcile = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  if (adminUrl && process.env.DATABASE_URL) {
    await dropTestDatabase(adminUrl, process.env.DATABASE_URL);
  }
});
