// PostgreSQL for the test suite (npm run test:pg, ADR 052): one throwaway cluster per run
// (tests/pg-global-setup.ts), a migrated template database, and a database of its own, copied
// from the template, for each test file and each freshDb().
import crypto from "node:crypto";
import pg from "pg";

/** The cluster's admin address when the suite runs on PostgreSQL, else undefined. */
export const pgAdminUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/** The migrated template of this run (each run its own, so two runs may share a cluster). */
export const templateDatabase = (): string =>
  process.env.TEST_TEMPLATE_DATABASE ?? "shanhai_template";

/** The address of another database on the same cluster. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from the migrated template; its address. */
export async function createTestDatabase(adminUrl: string, prefix = "t"): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  await asAdmin(adminUrl, async (client) => {
    // CREATE DATABASE … TEMPLATE fails while another session copies the same template
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name} template ${templateDatabase()}`);
        return;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

/** An empty database (no tables), for tests of migrations and copies. */
export async function createEmptyDatabase(adminUrl: string, prefix = "e"): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  await asAdmin(adminUrl, (client) => client.query(`create database ${name} template template0`));
  return databaseUrl(adminUrl, name);
}

export async function dropTestDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await asAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

/**
 * True under npm run test:pg. Tests of SQLite's own machinery (its query planner's choices,
 * its files) are skipped there, by name, rather than pass for the wrong reason.
 */
export const onPostgresSuite = Boolean(process.env.TEST_DATABASE_URL);
