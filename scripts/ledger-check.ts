// `npm run ledger:check`: verifies ledger total = paid order lines − refunds, per order and
// overall, against DATABASE_PATH (default data/shanhai.sqlite). Prints a summary and each
// order that breaks it; exits 1 if any does, 2 if the database cannot be read.
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../db/schema";
import { checkLedger, formatLedgerCheck } from "../app/domain/aid/ledger-check.server";

const file = process.env.DATABASE_PATH ?? "data/shanhai.sqlite";
if (!fs.existsSync(file)) {
  console.error(`ledger:check: no database at ${file} (set DATABASE_PATH)`);
  process.exit(2);
}
// read-only: the check never writes, and never takes the write lock from the running store
const db = new Kysely<Database>({
  dialect: new SqliteDialect({
    database: new SQLite(file, { readonly: true, fileMustExist: true }),
  }),
});
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
