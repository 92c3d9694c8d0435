// /counters says "only 3 left" when a counter's shelf runs low, like the storefront does
// (ADR 047), so a public page now shows a counter's stock in the same buckets as a
// product's (0, 1…5, "plenty"): the catalogue version moves when that bucket changes, not
// only when a shelf empties or refills. A sale that leaves 39 of 40 still changes nothing
// shown. Frozen once landed.
import { type Kysely } from "kysely";
import { createTrigger, dropTrigger } from "./engine-sql";

/** The stock a public page may show (app/domain/catalog/stock-shown.ts shownStock). */
const SHOWN = (row: "old" | "new") => `max(min(${row}.quantity, 6), 0)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await dropTrigger(db, "page_version_counter_stock_update", "counter_stock");
  await createTrigger(
    db,
    `create trigger page_version_counter_stock_update after update on counter_stock
       when ${SHOWN("old")} is not ${SHOWN("new")} or old.product_id is not new.product_id
         or old.counter_id is not new.counter_id
       begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
  );
}
