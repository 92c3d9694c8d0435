// With 10,000 products the shelf pages read every product row (each carrying its long
// story text) to count, sort and pick twelve: 10–30 ms a page, and 0.7 s for a county that
// listed them all. These indexes let a listing count from the index alone and walk the
// shelf order (in stock, featured, oldest) until it has its page. Frozen once landed.
import { sql, type Kysely } from "kysely";
import { onPostgres } from "./engine-sql";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // the catalogue's shelf order (catalog.server.ts orders by `p.stock > 0` desc, featured)
  if (onPostgres(db)) {
    // PostgreSQL wants an expression in an index parenthesised
    await sql`create index products_shelf on products (status, (stock > 0) desc, featured desc, id)`.execute(
      db,
    );
    await sql`create index products_featured_shelf on products (featured, status, (stock > 0) desc, id)`.execute(
      db,
    );
  } else {
    await sql`create index products_shelf on products (status, stock > 0 desc, featured desc, id)`.execute(
      db,
    );
    await sql`create index products_featured_shelf on products (featured, status, stock > 0 desc, id)`.execute(
      db,
    );
  }
  // counts per county and cooperative, filtered by category or stock, from the index alone
  await sql`create index products_coop_status on products (cooperative_id, status, category_code, stock)`.execute(
    db,
  );
  await sql`drop index if exists products_cooperative`.execute(db);
}
