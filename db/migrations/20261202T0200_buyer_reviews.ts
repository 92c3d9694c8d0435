// Reviews from real buyers (issue 12 item 2): one per delivered order line, a cooperative's
// one reply, and the aid office's hiding with a reason kept on the row. Named buyer_reviews
// because product_reviews is the aid office's approval of products as aid goods.
// Averages are read from buyer_review_stats (kept in the same transaction as each review
// write, app/domain/buyer-reviews/buyer-reviews.server.ts) so a catalogue page of cards
// never aggregates reviews. Every write to these tables changes what product and catalogue
// pages show, so each bumps the 'catalogue' page version (see 20261201T0100_page_versions).
// Frozen once landed.
import { sql, type Kysely } from "kysely";
import { createTrigger } from "./engine-sql";

const TABLES = ["buyer_reviews", "buyer_review_images", "buyer_review_stats"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("buyer_reviews")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // once per order line: a second attempt fails on this constraint, whatever the app says
    .addColumn("order_line_id", "integer", (c) => c.notNull().unique().references("order_lines.id"))
    .addColumn("order_id", "integer", (c) => c.notNull().references("orders.id"))
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("cooperative_id", "integer", (c) => c.notNull().references("cooperatives.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    /** the buyer's name when they wrote it; pages show it masked (王**) */
    .addColumn("reviewer_name", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("reply_body", "text")
    .addColumn("replied_at", "text")
    .addColumn("replied_by", "integer", (c) => c.references("users.id"))
    .addColumn("replied_by_name", "text")
    .addColumn("hidden_at", "text")
    .addColumn("hidden_by", "integer", (c) => c.references("users.id"))
    .addColumn("hidden_by_name", "text")
    .addColumn("hidden_reason", "text")
    .execute();
  // the product page: a product's shown reviews, newest first
  await sql`create index buyer_reviews_product on buyer_reviews (product_id, hidden_at, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index buyer_reviews_coop on buyer_reviews (cooperative_id, created_at desc)`.execute(
    db,
  );
  await sql`create index buyer_reviews_user on buyer_reviews (user_id)`.execute(db);
  await sql`create index buyer_reviews_created on buyer_reviews (created_at desc)`.execute(db);

  await db.schema
    .createTable("buyer_review_images")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("review_id", "integer", (c) => c.notNull().references("buyer_reviews.id"))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .execute();
  await sql`create index buyer_review_images_review on buyer_review_images (review_id, sort)`.execute(
    db,
  );

  await db.schema
    .createTable("buyer_review_stats")
    .addColumn("product_id", "integer", (c) => c.primaryKey().references("products.id"))
    /** shown (not hidden) reviews and the sum of their stars */
    .addColumn("review_count", "integer", (c) => c.notNull().check(sql`review_count >= 0`))
    .addColumn("rating_sum", "integer", (c) => c.notNull().check(sql`rating_sum >= 0`))
    .execute();

  for (const table of TABLES) {
    for (const event of ["insert", "update", "delete"]) {
      await createTrigger(
        db,
        `create trigger page_version_${table}_${event} after ${event} on ${table}
           begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
      );
    }
  }
}
