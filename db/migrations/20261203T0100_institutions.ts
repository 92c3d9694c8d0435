// Institution accounts (issue 13, ADR 042): an institution is its own buyer, with a checked
// unified social credit code and more than one purchaser. Orders placed for it carry its id
// and its ledger entries the key `org:<id>`, so all its purchasers count towards one share.
// A profile kept on a user before this migration becomes an institution with that user as
// its administrator; its credit code was never asked, so it starts empty and the page asks
// for it. Ledger entries already written stay with the person (the chain is append-only).
// Frozen once landed.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table institutions (
    id integer primary key autoincrement,
    name text not null,
    credit_code text,
    type text not null check (type in ('gov_unit', 'soe', 'private_enterprise', 'union')),
    funding_source text not null check (funding_source in ('canteen', 'union_funds', 'welfare', 'other')),
    reserved_share_fen integer check (reserved_share_fen is null or reserved_share_fen > 0),
    thanks_opt_in integer not null default 0 check (thanks_opt_in in (0, 1)),
    created_by integer references users(id),
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await sql`create unique index institutions_credit_code on institutions (credit_code)
    where credit_code is not null`.execute(db);
  await sql`create table institution_members (
    institution_id integer not null references institutions(id) on delete cascade,
    user_id integer not null unique references users(id) on delete cascade,
    role text not null check (role in ('admin', 'purchaser')),
    added_by integer references users(id),
    added_at text not null,
    primary key (institution_id, user_id)
  )`.execute(db);
  await sql`alter table orders add column institution_id integer references institutions(id)`.execute(
    db,
  );
  await sql`create index orders_institution on orders (institution_id) where institution_id is not null`.execute(
    db,
  );
  await sql`alter table contribution_certificates add column institution_id integer references institutions(id)`.execute(
    db,
  );
  // the profiles kept on users so far
  const legacy = await sql<{
    id: number;
    org_name: string;
    buyer_type: string;
    funding_source: string | null;
    reserved_share_fen: number | null;
    thanks_opt_in: number;
  }>`select id, org_name, buyer_type, funding_source, reserved_share_fen, thanks_opt_in
     from users where buyer_type != 'individual' and org_name is not null and org_name != ''`.execute(
    db,
  );
  const now = new Date().toISOString();
  for (const u of legacy.rows) {
    const inserted = await sql<{ id: number }>`insert into institutions
      (name, credit_code, type, funding_source, reserved_share_fen, thanks_opt_in, created_by, created_at, updated_at)
      values (${u.org_name}, null, ${u.buyer_type}, ${u.funding_source ?? "other"},
        ${u.reserved_share_fen}, ${u.thanks_opt_in}, ${u.id}, ${now}, ${now})
      returning id`.execute(db);
    await sql`insert into institution_members (institution_id, user_id, role, added_by, added_at)
      values (${inserted.rows[0]!.id}, ${u.id}, 'admin', ${u.id}, ${now})`.execute(db);
  }
}
