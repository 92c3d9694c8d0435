// Online backups of the SQLite file with SQLite's backup API: a consistent snapshot taken
// while the store keeps taking orders (WAL: writers go on beside the reading copy), written
// under a temporary name and renamed once checked, oldest removed past the retention count.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

const NAME = /^shanhai-(\d{8}T\d{6}Z)\.sqlite$/;

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  removed: string[];
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export async function backupDatabase(
  source: string,
  dir: string,
  { keep = 14, now = new Date() }: { keep?: number; now?: Date } = {},
): Promise<BackupResult> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error("keep must be a whole number ≥ 1");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `shanhai-${stamp(now)}.sqlite`);
  const partial = `${file}.partial`;
  const db = new SQLite(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma("busy_timeout = 5000");
    const progress = await db.backup(partial, {
      // After the first step, the rest in one: a copy made in steps starts over whenever
      // another connection writes in between, and under steady checkouts might never end.
      // In WAL mode the one read transaction blocks no writer.
      progress: () => 2 ** 30,
    });
    pages = progress.totalPages;
  } finally {
    db.close();
  }
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup failed its check: ${String(check)}`);
    // a backup is one file: no WAL beside it
    copy.pragma("journal_mode = DELETE");
  } catch (error) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  fs.renameSync(partial, file);
  const all = listBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const old of removed) fs.rmSync(old, { force: true });
  return { file, bytes: fs.statSync(file).size, pages, removed };
}
