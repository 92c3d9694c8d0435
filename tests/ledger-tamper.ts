// What someone with the database itself (not the store) could do to the ledger: lift the
// append-only triggers, change or remove entries, put the triggers back. ledger:verify must
// name what they did (ADR 040).
import { sql } from "kysely";
import { expect } from "vitest";
import { engineOf, type DB } from "#db/connection";

export async function behindTheStoresBack(db: DB, statement: string): Promise<void> {
  if (engineOf(db) === "postgres") {
    // the table's owner can switch its triggers off
    await sql`alter table aid_ledger disable trigger user`.execute(db);
    try {
      await sql.raw(statement).execute(db);
    } finally {
      await sql`alter table aid_ledger enable trigger user`.execute(db);
    }
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger'
      and name in ('aid_ledger_no_update', 'aid_ledger_no_delete')`.execute(db);
  expect(triggers.rows).toHaveLength(2);
  for (const t of triggers.rows) await sql.raw(`drop trigger ${t.name}`).execute(db);
  await sql.raw(statement).execute(db);
  for (const t of triggers.rows) await sql.raw(t.sql).execute(db);
}
