// `npm run ledger:check`: verifies ledger total = paid order lines − refunds, per order and
// overall, against DATABASE_URL (PostgreSQL) or DATABASE_PATH (default data/shanhai.sqlite).
// Prints a summary and each order that breaks it; exits 1 if any does, 2 if the database
// cannot be read.
import { openScriptDatabase } from "../db/script-target";
import { checkLedger, formatLedgerCheck } from "../app/domain/aid/ledger-check.server";

// read-only on SQLite: the check never writes, and never takes the write lock from the store
const { db, label: file } = openScriptDatabase("ledger:check", { readonly: true });
try {
  const check = await checkLedger(db);
  console.log(`database: ${file}`);
  console.log(formatLedgerCheck(check));
  process.exitCode = check.ok ? 0 : 1;
} catch (error) {
  console.error(`ledger:check: could not read ${file}:`, error);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
