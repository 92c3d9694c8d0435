// The split-order integrity rule (3+ paid orders from one phone or one address on one
// Shanghai day) without reading a period's orders (issue 11): every order keeps its address
// normalised (address_key), and aid_split_order_counts counts paid orders per Shanghai day
// and phone, and per day and address key, as recordSale writes a paid order's sale. A
// period's flags are the counts of 3 or more in it (a partial index holds only those);
// each flag's orders are found on (phone, paid_at) or (address_key, paid_at). Back-filled
// here, in batches of ids. Frozen once landed.
import { sql, type Kysely } from "kysely";

/** normalizeAddress (app/domain/orders/address-key.ts) as it stood when this landed. */
function normalizeAddress(address: string): string {
  return address
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}号室]/gu, "");
}

const BATCH = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("orders")
    .addColumn("address_key", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom("orders")
      .select(["id", sql<string>`province || city || district || street`.as("address")])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (!rows.length) break;
    // one statement per batch: update … from (values …) keyed by id
    const values = rows.map((r) => sql`(${r.id}, ${normalizeAddress(r.address)})`);
    await sql`
      with k(id, address_key) as (values ${sql.join(values)})
      update orders set address_key = k.address_key from k where orders.id = k.id`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
  await db.schema
    .createIndex("orders_phone_paid")
    .on("orders")
    .columns(["phone", "paid_at"])
    .execute();
  await db.schema
    .createIndex("orders_address_paid")
    .on("orders")
    .columns(["address_key", "paid_at"])
    .execute();

  await db.schema
    .createTable("aid_split_order_counts")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("via", "text", (c) => c.notNull().check(sql`via in ('phone', 'address')`))
    /** the phone as written, or the address key */
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_split_order_counts_pk", ["day", "via", "subject"])
    .modifyEnd(sql`without rowid`)
    .execute();
  // only the counts that make a flag (SPLIT_MIN_ORDERS = 3): a year's flags without its orders
  await sql`create index aid_split_order_counts_flagged on aid_split_order_counts (day)
    where orders >= 3`.execute(db);

  await sql`
    insert into aid_split_order_counts (day, via, subject, orders)
    select strftime('%Y-%m-%d', paid_at, '+8 hours'), 'phone', phone, count(*)
    from orders where paid_at is not null and phone <> ''
    group by 1, 3`.execute(db);
  await sql`
    insert into aid_split_order_counts (day, via, subject, orders)
    select strftime('%Y-%m-%d', paid_at, '+8 hours'), 'address', address_key, count(*)
    from orders where paid_at is not null and address_key <> ''
    group by 1, 3`.execute(db);
}
