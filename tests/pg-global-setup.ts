// `npm run test:pg`: starts a throwaway PostgreSQL cluster (scripts/pg-cluster.sh) unless
// TEST_DATABASE_URL names one, migrates the template database every test database is copied
// from, and stops the cluster at the end.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, migrateToLatest } from "#db/connection";
import { databaseUrl } from "./pg";

const script = path.resolve(import.meta.dirname, "../scripts/pg-cluster.sh");

export default async function setup(): Promise<() => Promise<void>> {
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-pg-"));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    adminUrl = execFileSync("bash", [script, "start", dir, port], { encoding: "utf8" }).trim();
    process.env.TEST_DATABASE_URL = adminUrl;
  }
  const template = `shanhai_template_${crypto.randomBytes(4).toString("hex")}`;
  process.env.TEST_TEMPLATE_DATABASE = template;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  await admin.end();
  const db = createDatabase(databaseUrl(adminUrl, template), { poolSize: 1 });
  await migrateToLatest(db);
  await db.destroy();
  return async () => {
    if (dir) {
      execFileSync("bash", [script, "stop", dir], { stdio: "inherit" });
      return;
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${template} with (force)`);
    await cleanup.end();
  };
}
