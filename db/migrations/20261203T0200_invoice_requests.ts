// Invoice requests (issue 13, item 2). Frozen once landed.
//
// invoice_requests: a buyer's ask for a 普通发票 (plain) or 增值税专用发票 (special) for one
// order, `requested` until the admin enters the number of the invoice issued. One request
// per order (a unique index: a race cannot open two); the buyer corrects it in place while it
// is still `requested`. The amount is frozen when it is issued.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invoice_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('plain', 'special')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("tax_number", "text")
    .addColumn("registered_address", "text")
    .addColumn("registered_phone", "text")
    .addColumn("bank_name", "text")
    .addColumn("bank_account", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('requested', 'issued')`))
    .addColumn("invoice_number", "text")
    .addColumn("amount_fen", "integer")
    .addColumn("issued_at", "text")
    .addColumn("issued_by", "text")
    .addColumn("requested_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index invoice_requests_one_per_order on invoice_requests (order_id)`.execute(
    db,
  );
  await sql`create index invoice_requests_status on invoice_requests (status, id)`.execute(db);
  // the same invoice number entered twice is a duplicate invoice (domain.md, integrity)
  await sql`create unique index invoice_requests_number on invoice_requests (invoice_number) where invoice_number is not null`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invoice_requests").execute();
}
