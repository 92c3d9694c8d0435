// Search that forgives (issue 12): each product keeps the pinyin of its Chinese name
// ("mao niu rou") and its initials ("mnr"), written by the app with the name
// (app/domain/catalog/pinyin.server.ts: SQLite has no pinyin), and the search index reads
// them with the rest of the product's text, so `maoniu` and `mn` find 牦牛. Existing products
// are filled in here, through the same function. Frozen once landed.
import { sql, type Kysely } from "kysely";
import { createTrigger, dropTrigger, onPostgres } from "./engine-sql";
import { nameSearchKeys } from "../../app/domain/catalog/pinyin.server";

// The indexed text: the initial migration's, with the name's pinyin run together (so a
// query typed with or without spaces matches) and its initials, and two spaces at the end,
// so that every character starts a trigram: a one- or two-character term is looked up as
// the trigrams it starts (search.server.ts: planSearch).
const body = sql.raw(`
      new.name_zh || ' ' || new.name_en || ' ' || new.summary_zh || ' ' || new.summary_en || ' ' ||
      replace(new.name_pinyin, ' ', '') || ' ' || new.name_initials || ' ' ||
      coalesce((select c.name_zh || ' ' || c.name_en from cooperatives c where c.id = new.cooperative_id), '') || ' ' ||
      coalesce((select k.name_zh || ' ' || k.name_en from categories k where k.code = new.category_code), '') || ' ' ||
      coalesce((select y.name_zh || ' ' || y.name_en from cooperatives c join counties y on y.code = c.county_code where c.id = new.cooperative_id), '') || '  '`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("products")
    .addColumn("name_pinyin", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("products")
    .addColumn("name_initials", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  // the index's vocabulary (its trigrams), for terms shorter than a trigram (PostgreSQL's
  // search matches those by LIKE, checked against the text itself: no vocabulary needed)
  if (!onPostgres(db)) {
    await sql`create virtual table product_search_vocab using fts5vocab(product_search, 'row')`.execute(
      db,
    );
  }
  await dropTrigger(db, "products_search_insert", "products");
  await dropTrigger(db, "products_search_update", "products");
  await createTrigger(
    db,
    sql`create trigger products_search_insert after insert on products begin
      insert into product_search(rowid, body) values (new.id, ${body});
    end`,
  );
  await createTrigger(
    db,
    sql`create trigger products_search_update after update of name_zh, name_en, summary_zh, summary_en, name_pinyin, name_initials, cooperative_id, category_code on products begin
      delete from product_search where rowid = old.id;
      insert into product_search(rowid, body) values (new.id, ${body});
    end`,
  );

  // The keys change what /products finds, so they bump the catalogue's page version like
  // every shown column (20261201T0100_page_versions), in a trigger of their own.
  await createTrigger(
    db,
    sql`create trigger page_version_products_update_search_keys after update of name_pinyin, name_initials on products
      when old.name_pinyin is not new.name_pinyin or old.name_initials is not new.name_initials
      begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
  );

  // the update trigger re-indexes each product as its keys are written
  const products = await db.selectFrom("products").select(["id", "name_zh"]).execute();
  for (const p of products as Array<{ id: number; name_zh: string }>) {
    await db
      .updateTable("products")
      .set(nameSearchKeys(p.name_zh))
      .where("id", "=", p.id)
      .execute();
  }
}
