// `npm run db:backup`: a consistent online backup of DATABASE_PATH (default
// data/shanhai.sqlite) into BACKUP_DIR (default data/backups), keeping the newest
// BACKUP_KEEP (default 14). Safe while the store runs. Exit 1 if it fails.
import { backupDatabase } from "../db/backup";

const source = process.env.DATABASE_PATH ?? "data/shanhai.sqlite";
const dir = process.env.BACKUP_DIR ?? "data/backups";
const keep = Number(process.env.BACKUP_KEEP ?? 14);
try {
  const started = Date.now();
  const result = await backupDatabase(source, dir, { keep });
  console.log(
    `db:backup: ${source} → ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.pages} pages, ${Date.now() - started} ms)`,
  );
  if (result.removed.length) console.log(`db:backup: removed ${result.removed.join(", ")}`);
} catch (error) {
  console.error(`db:backup: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
