// The one interface uploads go through (ADR 054), on both of its implementations, against a
// fresh SQLite store; and what a fleet needs of the default: a file one server stored is there
// for another server's connection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "#db/connection";
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

describe("the database file store across connections", () => {
  // under npm run test:pg this is PostgreSQL (bytes as bytea), else SQLite (a blob)
  it("keeps bytes exact across connections: what one server writes, another reads", async () => {
    const store = await freshDb();
    const two = createDatabase(store.file);
    try {
      const all = new Uint8Array(256).map((_, i) => i);
      await databaseFileStore(store.db).put(KEY, "400.webp", all, "image/webp");
      const got = await databaseFileStore(two).get(KEY, "400.webp");
      expect([...got!.bytes]).toEqual([...all]);
      expect(got!.contentType).toBe("image/webp");
      await databaseFileStore(two).put(KEY, "400.webp", all.slice(0, 3), "image/webp");
      const again = await databaseFileStore(store.db).get(KEY, "400.webp");
      expect([...again!.bytes]).toEqual([0, 1, 2]);
      await databaseFileStore(store.db).delete(KEY);
      expect(await databaseFileStore(two).get(KEY, "400.webp")).toBeNull();
    } finally {
      await two.destroy();
      await store.cleanup();
    }
  });
});
