// Order messages and after-sales requests (issue 12, items 5 and 6). Frozen once landed.
//
// order_messages: one row per (order, event) that was told to the buyer. The unique key is
// what makes a replayed webhook or a second click send nothing new: the outbox rows are
// written only when this insert went in, in the transaction of the state change itself.
//
// after_sales_requests: a buyer's ask for a refund or a return of one order line. At most
// one open request per line (a partial unique index, so the rule holds under races too).
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // when a parcel reached the buyer (the order page's timeline, the "delivered" message)
  await db.schema.alterTable("shipments").addColumn("delivered_at", "text").execute();

  await db.schema
    .createTable("order_messages")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("event_key", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index order_messages_once on order_messages (order_id, event_key)`.execute(
    db,
  );

  await db.schema
    .createTable("after_sales_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("order_line_id", "integer", (c) => c.notNull().references("order_lines.id"))
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('refund', 'return')`))
    .addColumn("reason_code", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open', 'approved', 'rejected')`),
    )
    .addColumn("coop_note", "text")
    .addColumn("coop_note_by", "text")
    .addColumn("coop_note_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("refund_id", "integer", (c) => c.references("refunds.id"))
    .addColumn("requested_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index after_sales_one_open on after_sales_requests (order_line_id) where status = 'open'`.execute(
    db,
  );
  await sql`create index after_sales_order on after_sales_requests (order_id)`.execute(db);
  await sql`create index after_sales_coop on after_sales_requests (cooperative_id, status, id)`.execute(
    db,
  );
  await sql`create index after_sales_status on after_sales_requests (status, id)`.execute(db);

  await db.schema
    .createTable("after_sales_photos")
    .addColumn("request_id", "integer", (c) =>
      c.notNull().references("after_sales_requests.id").onDelete("cascade"),
    )
    .addColumn("image_key", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("after_sales_photos_pk", ["request_id", "sort"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("after_sales_photos").execute();
  await db.schema.dropTable("after_sales_requests").execute();
  await db.schema.dropTable("order_messages").execute();
  await db.schema.alterTable("shipments").dropColumn("delivered_at").execute();
}
