// `npm run db:backup`: a consistent online backup of DATABASE_PATH (default
// data/shanhai.sqlite) into BACKUP_DIR (default data/backups), keeping the newest
// BACKUP_KEEP (default 14). Safe while the store runs. Exit 1 if it fails.
// On PostgreSQL (DATABASE_URL set) backups are pg_dump's job (ADR 055): the command prints
// how, and exits 2 without doing anything.
import { backupDatabase } from "../db/backup";
import { databaseTarget, isPostgresUrl } from "../db/connection";
import { describeTarget } from "../db/script-target";

const source = databaseTarget();
if (isPostgresUrl(source)) {
  const url = describeTarget(source);
  console.error(
    [
      `db:backup: the store is on PostgreSQL (${url}); its backups are pg_dump's job, not this script's:`,
      `  pg_dump --format=custom --file=shanhai-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"`,
      `restore into a new, empty database with:`,
      `  pg_restore --no-owner --dbname="$NEW_DATABASE_URL" shanhai-<stamp>.dump`,
      `(or the managed service's own snapshots and point-in-time recovery; see docs/deploy.md)`,
    ].join("\n"),
  );
  process.exit(2);
}
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
