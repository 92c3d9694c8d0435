// The integrity flags of a year without reading the year's orders (issue 11, req. 5).
// Quantity: aid_quantity_days counts paid order lines per Shanghai day, product, bucket
// (采购 procurement or 帮助销售 assisted_sales, from the order's buyer type) and quantity, as
// recordSale writes a paid order's sale; a product's median line over the year to a
// period's end is read from at most 366 days of it, and the lines large enough to flag are
// found on order_lines(product_id, quantity). Price: lines dearer than a reference price on
// order_lines(product_id, unit_price_fen), from the products that have one. Back-filled
// here in one grouped pass over the paid lines. Frozen once landed.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("aid_quantity_days")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("product_id", "integer", (c) => c.notNull())
    .addColumn("bucket", "text", (c) =>
      c.notNull().check(sql`bucket in ('procurement', 'assisted_sales')`),
    )
    .addColumn("quantity", "integer", (c) => c.notNull())
    /** paid order lines of that product, bucket and quantity on that day */
    .addColumn("lines", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("aid_quantity_days_pk", ["day", "product_id", "bucket", "quantity"])
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`
    insert into aid_quantity_days (day, product_id, bucket, quantity, lines)
    select strftime('%Y-%m-%d', o.paid_at, '+8 hours'), l.product_id,
      case when o.buyer_type = 'individual' then 'assisted_sales' else 'procurement' end,
      l.quantity, count(*)
    from orders o
    join order_lines l on l.order_id = o.id
    where o.paid_at is not null
    group by 1, 2, 3, 4`.execute(db);

  await db.schema
    .createIndex("order_lines_product_quantity")
    .on("order_lines")
    .columns(["product_id", "quantity"])
    .execute();
  await db.schema
    .createIndex("order_lines_product_price")
    .on("order_lines")
    .columns(["product_id", "unit_price_fen"])
    .execute();
  await db.schema
    .createIndex("products_reference_price")
    .on("products")
    .column("reference_price_fen")
    .execute();
}
