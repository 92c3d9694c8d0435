// Where uploaded files live (ADR 054). Every upload (a product picture's sizes, a review or
// after-sales photo) goes through one FileStore, chosen by STORAGE:
// - `database` (the default): the stored_files table, so every app server of a fleet serves
//   what any one of them received, with no shared disk and no extra setup;
// - `filesystem`: a folder (UPLOADS_DIR, default `uploads` beside the SQLite file), for a
//   single machine that prefers plain files.
// Files written before the table existed stay in that folder: the database store reads a
// file it does not hold from there and copies it in (once), so an existing store keeps
// every picture without a migration step.
import fs from "node:fs/promises";
import path from "node:path";
import type { DB } from "#db/connection";
import { env, type Env } from "~/utils/env.server";

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface FileStore {
  /** Writes (or replaces) one file of an upload. */
  put(key: string, file: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when there is none (or the names are not ones a store writes). */
  get(key: string, file: string): Promise<StoredFile | null>;
  /** Removes every file of an upload; nothing happens if there is none. */
  delete(key: string): Promise<void>;
}

/** Names a store accepts: letters, digits, `-`, `_` and inner dots. Never a path. */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;
const safe = (name: string) => NAME.test(name) && !name.includes("..");

function checkNames(key: string, file: string) {
  if (!safe(key) || !safe(file)) throw new Error(`not a stored file name: ${key}/${file}`);
}

const TYPES: Record<string, string> = {
  ".webp": "image/webp",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
};

/** A file on disk carries no type: it is the one its name says. */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw error;
  }
}

/** Files under `dir/key/file`; each written beside and renamed, so a reader never sees half. */
export function filesystemFileStore(dir: string): FileStore {
  return {
    async put(key, file, bytes, _contentType) {
      checkNames(key, file);
      const folder = path.join(dir, key);
      await fs.mkdir(folder, { recursive: true });
      const partial = path.join(folder, `.${file}.partial`);
      await fs.writeFile(partial, bytes);
      await fs.rename(partial, path.join(folder, file));
    },
    async get(key, file) {
      if (!safe(key) || !safe(file)) return null;
      const bytes = await readFileOrNull(path.join(dir, key, file));
      return bytes ? { bytes, contentType: contentTypeOf(file) } : null;
    },
    async delete(key) {
      if (!safe(key)) return;
      await fs.rm(path.join(dir, key), { recursive: true, force: true });
    },
  };
}

export interface DatabaseStoreOptions {
  /** a folder of files written before the table (read once, then copied in); none if null */
  legacyDir?: string | null;
  now?: () => Date;
}

/** Rows of stored_files; works alike on SQLite and PostgreSQL. */
export function databaseFileStore(db: DB, options: DatabaseStoreOptions = {}): FileStore {
  const now = options.now ?? (() => new Date());
  const legacy = options.legacyDir ? filesystemFileStore(options.legacyDir) : null;
  const store: FileStore = {
    async put(key, file, bytes, contentType) {
      checkNames(key, file);
      const row = {
        key,
        file,
        content_type: contentType,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        created_at: now().toISOString(),
      };
      await db
        .insertInto("stored_files")
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(["key", "file"])
            .doUpdateSet({ content_type: row.content_type, bytes: row.bytes }),
        )
        .execute();
    },
    async get(key, file) {
      if (!safe(key) || !safe(file)) return null;
      const row = await db
        .selectFrom("stored_files")
        .select(["content_type", "bytes"])
        .where("key", "=", key)
        .where("file", "=", file)
        .executeTakeFirst();
      if (row) return { bytes: Buffer.from(row.bytes), contentType: row.content_type };
      const old = legacy ? await legacy.get(key, file) : null;
      if (!old) return null;
      // an upload from before the table: copied in, so the next read (on any server) finds it
      await db
        .insertInto("stored_files")
        .values({
          key,
          file,
          content_type: old.contentType,
          bytes: old.bytes,
          created_at: now().toISOString(),
        })
        .onConflict((oc) => oc.columns(["key", "file"]).doNothing())
        .execute();
      return old;
    },
    async delete(key) {
      if (!safe(key)) return;
      await db.deleteFrom("stored_files").where("key", "=", key).execute();
      if (legacy) await legacy.delete(key);
    },
  };
  return store;
}

/**
 * The folder uploads were (STORAGE=filesystem: are) written to: UPLOADS_DIR, else `uploads`
 * beside the SQLite file. With DATABASE_URL and no UPLOADS_DIR there is none.
 */
export function uploadsDir(config: Env = env()): string | null {
  if (config.UPLOADS_DIR) return path.resolve(config.UPLOADS_DIR);
  if (config.DATABASE_URL) return null;
  return path.join(path.dirname(path.resolve(config.DATABASE_PATH)), "uploads");
}

/** The store this server's settings choose. */
export function fileStore(db: DB, config: Env = env()): FileStore {
  const dir = uploadsDir(config);
  if (config.STORAGE === "filesystem") {
    if (!dir) throw new Error("STORAGE=filesystem needs UPLOADS_DIR with DATABASE_URL");
    return filesystemFileStore(dir);
  }
  return databaseFileStore(db, { legacyDir: dir });
}
