// Uploaded files (product pictures, buyer review photos, after-sales photos) kept in the
// database, so that every app server of a fleet serves what any one of them received
// (ADR 054). One row per stored file: `key` names an upload (32 hex, content never changes),
// `file` one rendering of it ("400.webp"). Plain column types only, so the same statement
// builds the table on SQLite and on PostgreSQL (blob → bytea, db/postgres-schema.ts); the
// time is written by the code, not by a database default. Frozen once landed.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stored_files")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("bytes", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("stored_files_pk", ["key", "file"])
    .execute();
}
