// `npm run text:check`: lists stored form texts with U+FFFD in them (written back by pages
// that carried NUL bytes before the renderer fix), with what each can be restored to.
// `npm run text:check -- --repair` restores product texts from the audit log and records it.
// Exits 1 while damage is left, 2 if the database cannot be read. The database: DATABASE_URL
// (PostgreSQL) or DATABASE_PATH (default data/shanhai.sqlite).
import { openScriptDatabase } from "../db/script-target";
import {
  findDamagedText,
  formatRepairReport,
  repairDamagedText,
} from "../app/domain/maintenance/damaged-text.server";

const repair = process.argv.includes("--repair");
const { db, label: file } = openScriptDatabase("text:check");
try {
  console.log(`database: ${file}`);
  if (repair) {
    const report = await repairDamagedText(db);
    console.log(formatRepairReport(report, true));
    process.exitCode = report.left.length ? 1 : 0;
  } else {
    const found = await findDamagedText(db);
    const restored = found.filter((d) => d.restoreTo !== null);
    const left = found.filter((d) => d.restoreTo === null);
    console.log(formatRepairReport({ found, restored, left }, false));
    process.exitCode = found.length ? 1 : 0;
  }
} catch (error) {
  console.error(`text:check: could not read ${file}:`, error);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
