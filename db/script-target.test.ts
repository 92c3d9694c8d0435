// The command-line scripts on either engine (ADR 055): DATABASE_URL wins over DATABASE_PATH,
// addresses print without passwords, and db:backup leaves PostgreSQL to pg_dump.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engineOf } from "./connection";
import { describeTarget, openScriptDatabase } from "./script-target";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-scripts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");

describe("a script's database", () => {
  it("prints a PostgreSQL address without its password", () => {
    expect(describeTarget("postgres://shop:s3cret@db.internal:5432/shanhai")).toBe(
      "postgres://shop:***@db.internal:5432/shanhai",
    );
    expect(describeTarget("postgres://postgres@127.0.0.1:5432/x")).toBe(
      "postgres://postgres@127.0.0.1:5432/x",
    );
    expect(describeTarget("data/shanhai.sqlite")).toBe("data/shanhai.sqlite");
  });

  it("opens DATABASE_URL before DATABASE_PATH", async () => {
    const file = path.join(dir, "store.sqlite");
    fs.writeFileSync(file, "");
    const pg = openScriptDatabase("test", {
      env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", DATABASE_PATH: file },
    });
    expect(engineOf(pg.db)).toBe("postgres");
    await pg.db.destroy(); // the pool connects lazily: nothing was opened
    const sqlite = openScriptDatabase("test", { readonly: true, env: { DATABASE_PATH: file } });
    expect(engineOf(sqlite.db)).toBe("sqlite");
    expect(sqlite.label).toBe(file);
    await sqlite.db.destroy();
  });

  it("db:backup on PostgreSQL prints the pg_dump command and exits 2", () => {
    const run = spawnSync(tsx, ["scripts/db-backup.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgres://shop:s3cret@db.internal:5432/shanhai" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("pg_dump --format=custom");
    expect(run.stderr).toContain("postgres://shop:***@db.internal:5432/shanhai");
    expect(run.stderr).not.toContain("s3cret");
  });

  it("ledger:check refuses a SQLite file that is not there, without creating it", () => {
    const missing = path.join(dir, "missing.sqlite");
    const run = spawnSync(tsx, ["scripts/ledger-check.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: missing },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
