// `npm run ledger:verify`: recomputes the aid ledger's hash chain and every reported month's
// digest against DATABASE_PATH (default data/shanhai.sqlite), ADR 040. Exit 0 with a
// one-line summary when all match; 1 naming the first entry (and each digest) that does not;
// 2 if the database cannot be read.
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../db/schema";
import { formatLedgerVerification, verifyLedger } from "../app/domain/aid/ledger-verify.server";

const file = process.env.DATABASE_PATH ?? "data/shanhai.sqlite";
if (!fs.existsSync(file)) {
  console.error(`ledger:verify: no database at ${file} (set DATABASE_PATH)`);
  process.exit(2);
}
// read-only: never takes the write lock from the running store
const db = new Kysely<Database>({
  dialect: new SqliteDialect({
    database: new SQLite(file, { readonly: true, fileMustExist: true }),
  }),
});
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
