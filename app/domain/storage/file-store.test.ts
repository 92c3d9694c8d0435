// The one interface uploads go through (ADR 054), on both of its implementations, against a
// fresh SQLite store; and what a fleet needs of the default: a file one server stored is there
// for another server's connection.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, poolOf, type DB } from "#db/connection";
import * as storedFiles from "#db/migrations/20261205T0200_stored_files";
import { freshDb } from "#tests/db";
import { parseEnv } from "~/utils/env.server";
import {
  databaseFileStore,
  fileStore,
  filesystemFileStore,
  type FileStore,
} from "./file-store.server";

let db: DB;
let file: string;
let cleanup: () => Promise<void>;
let dir: string;

beforeEach(async () => {
  ({ db, file, cleanup } = await freshDb());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-store-"));
});
afterEach(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = "0123456789abcdef0123456789abcdef";
const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

const implementations: Array<[string, () => FileStore]> = [
  ["database", () => databaseFileStore(db)],
  ["filesystem", () => filesystemFileStore(dir)],
];

describe.each(implementations)("the %s file store", (_name, open) => {
  it("gives back what was put, with its type, and null for what was not", async () => {
    const store = open();
    await store.put(KEY, "400.webp", bytes("small picture"), "image/webp");
    await store.put(KEY, "800.webp", bytes("large picture"), "image/webp");
    const small = await store.get(KEY, "400.webp");
    expect(small?.bytes.toString("utf8")).toBe("small picture");
    expect(small?.contentType).toBe("image/webp");
    expect((await store.get(KEY, "800.webp"))?.bytes.toString("utf8")).toBe("large picture");
    expect(await store.get(KEY, "1600.webp")).toBeNull();
    expect(await store.get("f".repeat(32), "400.webp")).toBeNull();
  });

  it("replaces a file put twice", async () => {
    const store = open();
    await store.put(KEY, "400.webp", bytes("first"), "image/webp");
    await store.put(KEY, "400.webp", bytes("second"), "image/webp");
    expect((await store.get(KEY, "400.webp"))?.bytes.toString("utf8")).toBe("second");
  });

  it("deletes every file of a key and no other key's", async () => {
    const store = open();
    const other = "a".repeat(32);
    await store.put(KEY, "400.webp", bytes("a"), "image/webp");
    await store.put(KEY, "800.webp", bytes("b"), "image/webp");
    await store.put(other, "400.webp", bytes("c"), "image/webp");
    await store.delete(KEY);
    expect(await store.get(KEY, "400.webp")).toBeNull();
    expect(await store.get(KEY, "800.webp")).toBeNull();
    expect((await store.get(other, "400.webp"))?.bytes.toString("utf8")).toBe("c");
    await store.delete(KEY); // nothing left: no error
  });

  it("never takes a path for a name", async () => {
    const store = open();
    await expect(store.put("../escape", "400.webp", bytes("x"), "image/webp")).rejects.toThrow(
      /not a stored file name/,
    );
    await expect(store.put(KEY, "../../x.sqlite", bytes("x"), "image/webp")).rejects.toThrow(
      /not a stored file name/,
    );
    fs.writeFileSync(path.join(dir, "secret"), "do not serve");
    expect(await store.get("..", "secret")).toBeNull();
    expect(await store.get(KEY, "../secret")).toBeNull();
  });
});

describe("the database file store", () => {
  it("serves a file stored through one connection to another (a second app server)", async () => {
    await databaseFileStore(db).put(KEY, "800.webp", bytes("from server one"), "image/webp");
    const second = createDatabase(file);
    try {
      const got = await databaseFileStore(second).get(KEY, "800.webp");
      expect(got?.bytes.toString("utf8")).toBe("from server one");
      expect(got?.contentType).toBe("image/webp");
    } finally {
      await second.destroy();
    }
  });

  it("keeps binary bytes exact", async () => {
    const all = new Uint8Array(256).map((_, i) => i);
    await databaseFileStore(db).put(KEY, "400.webp", all, "image/webp");
    const got = await databaseFileStore(db).get(KEY, "400.webp");
    expect([...got!.bytes]).toEqual([...all]);
  });

  it("reads a file written before the table from the old folder once, then from the table", async () => {
    fs.mkdirSync(path.join(dir, KEY));
    fs.writeFileSync(path.join(dir, KEY, "400.webp"), "an old upload");
    const store = databaseFileStore(db, { legacyDir: dir });
    const got = await store.get(KEY, "400.webp");
    expect(got).toEqual({ bytes: Buffer.from("an old upload"), contentType: "image/webp" });
    const row = await db
      .selectFrom("stored_files")
      .select(["content_type", "bytes"])
      .where("key", "=", KEY)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.bytes).toString("utf8")).toBe("an old upload");
    // the folder gone (another server never had it): still served, from the table
    fs.rmSync(path.join(dir, KEY), { recursive: true });
    expect((await store.get(KEY, "400.webp"))?.bytes.toString("utf8")).toBe("an old upload");
    expect(await store.get(KEY, "800.webp")).toBeNull();
  });
});

describe("the configured store", () => {
  const base = {
    DATABASE_PATH: path.join(os.tmpdir(), "x", "db.sqlite"),
    SESSION_SECRET: "s".repeat(32),
  };

  it("is the database unless STORAGE=filesystem", async () => {
    await fileStore(db, parseEnv(base)).put(KEY, "400.webp", bytes("in the table"), "image/webp");
    const rows = await db.selectFrom("stored_files").select("key").execute();
    expect(rows).toEqual([{ key: KEY }]);
  });

  it("writes to UPLOADS_DIR with STORAGE=filesystem", async () => {
    const config = parseEnv({ ...base, STORAGE: "filesystem", UPLOADS_DIR: dir });
    await fileStore(db, config).put(KEY, "400.webp", bytes("on disk"), "image/webp");
    expect(fs.readFileSync(path.join(dir, KEY, "400.webp"), "utf8")).toBe("on disk");
    expect(await db.selectFrom("stored_files").select("key").execute()).toEqual([]);
  });
});

// Until every migration runs on PostgreSQL, this one is checked alone there: set
// TEST_POSTGRES_URL (e.g. scripts/pg-cluster.sh's address) to run it.
const postgresUrl = process.env.TEST_POSTGRES_URL;
describe.skipIf(!postgresUrl)("the database file store on PostgreSQL", () => {
  it("builds stored_files (bytes as bytea) and keeps bytes exact across connections", async () => {
    const name = `shanhai_files_${crypto.randomBytes(4).toString("hex")}`;
    const admin = createDatabase(postgresUrl!);
    await poolOf(admin)!.query(`create database ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const one = createDatabase(url.href);
    const two = createDatabase(url.href);
    try {
      const migrated = await new Migrator({
        db: one,
        provider: { getMigrations: async () => ({ "20261205T0200_stored_files": storedFiles }) },
      }).migrateToLatest();
      expect(migrated.error).toBeUndefined();
      const all = new Uint8Array(256).map((_, i) => i);
      await databaseFileStore(one).put(KEY, "400.webp", all, "image/webp");
      const got = await databaseFileStore(two).get(KEY, "400.webp");
      expect([...got!.bytes]).toEqual([...all]);
      expect(got!.contentType).toBe("image/webp");
      await databaseFileStore(two).put(KEY, "400.webp", all.slice(0, 3), "image/webp");
      expect([...(await databaseFileStore(one).get(KEY, "400.webp"))!.bytes]).toEqual([0, 1, 2]);
      await databaseFileStore(one).delete(KEY);
      expect(await databaseFileStore(two).get(KEY, "400.webp")).toBeNull();
    } finally {
      await one.destroy();
      await two.destroy();
      await poolOf(admin)!.query(`drop database ${name}`);
      await admin.destroy();
    }
  });
});
