// `npm run ledger:verify`: recomputes the aid ledger's hash chain and every reported month's
// digest against DATABASE_URL (PostgreSQL) or DATABASE_PATH (default data/shanhai.sqlite),
// ADR 040. Exit 0 with a one-line summary when all match; 1 naming the first entry (and each
// digest) that does not; 2 if the database cannot be read.
import { openScriptDatabase } from "../db/script-target";
import { formatLedgerVerification, verifyLedger } from "../app/domain/aid/ledger-verify.server";

// read-only on SQLite: never takes the write lock from the running store
const { db, label: file } = openScriptDatabase("ledger:verify", { readonly: true });
try {
  const started = Date.now();
  const result = await verifyLedger(db);
  console.log(`${formatLedgerVerification(result)} (${file}, ${Date.now() - started} ms)`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`ledger:verify: could not read ${file}:`, error);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
