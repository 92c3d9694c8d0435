// The product page of issue 12: a gallery of several pictures, units sold, favourites.
// Frozen once landed.
//
// - product_images was an upload history (the newest upload became products.image). A row
//   now has a `position` in its product's gallery, or null when it is not shown (replaced
//   or removed pictures stay: past orders link to them). products.image stays the cover:
//   the first gallery picture's URL, or the seeded illustration while the gallery is empty,
//   so cards and order lines keep reading one column. Its page-version triggers exist.
// - products.units_sold counts paid units less refunded ones, kept by recordSale and
//   recordRefund in the payment's and the refund's transactions. Pages show it in buckets
//   (app/domain/catalog/units-sold.ts), so only a change of bucket bumps the catalogue.
// - favourites are personal: never on a cached page.
import { sql, type Kysely } from "kysely";
import { createTrigger } from "./engine-sql";

// The same expression as soldBucketSql in app/domain/catalog/units-sold.ts, written out
// because a landed migration must not change when the app's code does.
const bucket = (c: string) =>
  `(case when ${c} >= 1000 then 1000 when ${c} >= 500 then 500 when ${c} >= 100 then 100 ` +
  `when ${c} >= 50 then 50 when ${c} >= 10 then 10 when ${c} < 0 then 0 else ${c} end)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table product_images add column position integer`.execute(db);
  await sql`alter table product_images add column alt text`.execute(db);
  // the picture a product shows today is its gallery's first; earlier uploads stay hidden
  await sql`
    update product_images set position = 0
    where product_id is not null and exists (
      select 1 from products p
      where p.id = product_images.product_id
        and p.image = '/media/' || product_images.key || '/800.webp'
    )`.execute(db);
  await sql`create index product_images_gallery on product_images (product_id, position)
            where position is not null`.execute(db);

  await sql`alter table products add column units_sold integer not null default 0`.execute(db);
  await sql`
    update products set units_sold = max(0,
      coalesce((select sum(l.quantity) from order_lines l
                join orders o on o.id = l.order_id
                where l.product_id = products.id and o.paid_at is not null), 0)
      - coalesce((select sum(rl.quantity) from refund_lines rl
                  join refunds r on r.id = rl.refund_id
                  join order_lines l on l.id = rl.order_line_id
                  where l.product_id = products.id and r.status = 'succeeded'), 0))`.execute(db);
  await createTrigger(
    db,
    `create trigger page_version_products_units_sold after update of units_sold on products
       when ${bucket("old.units_sold")} is not ${bucket("new.units_sold")}
       begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
  );

  await sql`
    create table favourites (
      user_id integer not null references users(id),
      product_id integer not null references products(id),
      created_at text not null,
      primary key (user_id, product_id)
    ) strict, without rowid`.execute(db);
  await sql`create index favourites_user_recent on favourites (user_id, created_at)`.execute(db);
}
