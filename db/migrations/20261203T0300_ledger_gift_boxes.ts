// Gift boxes in the aid ledger (docs/decisions/044-gift-boxes-in-the-ledger.md): an entry
// keeps the box it was a share of (bundle_product_id, null for a plain line) and the
// cooperative that sold the line (seller_cooperative_id), and says which canonical form its
// hash seals (chain_form). Entries written from now on are sealed in form v2, which
// includes both columns; entries already chained stay in form v1 and keep their hashes.
// Their new columns are filled here from the order line they came from (its product and
// cooperative are the snapshot taken at the sale); ledger:verify checks those against the
// order line, since their hash does not cover them. Frozen once landed.
import { sql, type Kysely } from "kysely";
import { createTrigger, dropTrigger } from "./engine-sql";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("aid_ledger").addColumn("bundle_product_id", "integer").execute();
  await db.schema.alterTable("aid_ledger").addColumn("seller_cooperative_id", "integer").execute();
  await db.schema
    .alterTable("aid_ledger")
    .addColumn("chain_form", "text", (c) => c.notNull().defaultTo("shanhai-ledger-v1"))
    .execute();

  const existing = await sql<{ n: number }>`select count(*) as n from aid_ledger`.execute(db);
  if (Number(existing.rows[0]?.n ?? 0) > 0) {
    // the append-only trigger is lifted for this one update and put back exactly as it was;
    // the chained fields (and so every hash) are left as they are
    await dropTrigger(db, "aid_ledger_no_update", "aid_ledger");
    await sql`update aid_ledger set
        seller_cooperative_id = l.cooperative_id,
        bundle_product_id = case when l.product_id != aid_ledger.product_id then l.product_id end
      from order_lines l where l.id = aid_ledger.order_line_id`.execute(db);
    await createTrigger(
      db,
      sql`create trigger aid_ledger_no_update before update on aid_ledger
    begin select raise(abort, 'aid_ledger is append-only'); end`,
    );
  }

  // the seller's figures and drill-downs read the ledger by seller and day
  await db.schema
    .createIndex("aid_ledger_seller_day")
    .on("aid_ledger")
    .columns(["seller_cooperative_id", "day"])
    .execute();
}
