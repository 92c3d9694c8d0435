// `npm run db:copy-to-pg`: copies the SQLite store (DATABASE_PATH, or --from FILE) into an
// empty PostgreSQL database (DATABASE_URL, or --to URL), ADR 055 "Copying a store across".
// Migrates the target, refuses one with rows in it, copies every table parents first in one
// transaction, then compares the two stores (rows, ledger:check, ledger:verify, the aid
// dashboard to the fen). Exit 0 when the copy equals its source, 1 when refused or when a
// comparison fails, 2 on bad arguments.
import { parseArgs } from "node:util";
import { isPostgresUrl } from "../db/connection";
import { CopyRefused, copyToPostgres, formatCopyReport } from "../db/copy-to-postgres";
import { describeTarget } from "../db/script-target";

const USAGE =
  "usage: npm run db:copy-to-pg -- [--from FILE] [--to postgres://…] [--batch N]\n" +
  "  (defaults: DATABASE_PATH or data/shanhai.sqlite, DATABASE_URL)";

let values;
try {
  ({ values } = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      batch: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`db:copy-to-pg: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const from = values.from ?? process.env.DATABASE_PATH ?? "data/shanhai.sqlite";
const to = values.to ?? process.env.DATABASE_URL;
const batch = values.batch === undefined ? 1000 : Number(values.batch);
if (!to || !isPostgresUrl(to)) {
  console.error("db:copy-to-pg: name the PostgreSQL database with --to or DATABASE_URL");
  console.error(USAGE);
  process.exit(2);
}
if (!Number.isSafeInteger(batch) || batch < 1) {
  console.error(`db:copy-to-pg: --batch must be a whole number ≥ 1, not ${values.batch}`);
  process.exit(2);
}

console.log(`db:copy-to-pg: ${from} → ${describeTarget(to)}`);
const started = Date.now();
try {
  const report = await copyToPostgres(from, to, { batch, log: (line) => console.log(line) });
  console.log(formatCopyReport(report));
  for (const y of report.years) {
    console.log(`  ${y.year}: aid ${y.aidFen} fen, other ${y.otherFen} fen`);
  }
  console.log(`db:copy-to-pg: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  if (error instanceof CopyRefused) {
    console.error(`db:copy-to-pg: refused: ${error.message}`);
  } else {
    console.error("db:copy-to-pg: failed, nothing was copied:", error);
  }
  process.exitCode = 1;
}
