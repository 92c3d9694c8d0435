// The Nanjing counters (issue 15, ADR 046): the 绿色有机青海专柜 and the experience hall as
// places with their own stock, staff and till. Orders say how they are fulfilled (delivery or
// pickup at a counter) and through which channel they were sold (online or at a counter);
// ledger entries carry the channel and the counter that sold them, sealed in chain form v3
// (entries already chained keep their form; their new columns read "online", which is what
// every sale before this migration was). A new role, counter_staff, needs the users table
// rebuilt: SQLite cannot change a CHECK in place. Frozen once landed.
import { sql, type Kysely } from "kysely";
import { createTrigger, onPostgres } from "./engine-sql";

const COUNTER_ROLE_CHECK = `role in ('shopper', 'coop_manager', 'aid_officer', 'admin', 'counter_staff')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function allowCounterStaffRole(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) {
    // PostgreSQL changes a CHECK in place (the column's check is named users_role_check)
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql
      .raw(`alter table users add constraint users_role_check check (${COUNTER_ROLE_CHECK})`)
      .execute(db);
    return;
  }
  const table = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'table' and name = 'users'`.execute(db);
  const create = table.rows[0]!.sql;
  const old = `role in ('shopper', 'coop_manager', 'aid_officer', 'admin')`;
  if (!create.includes(old))
    throw new Error("users.role check is not the one this migration knows");
  // the documented twelve-step rebuild: foreign keys off (outside any transaction), copy,
  // swap, check, foreign keys back on; other tables keep referring to "users" by name
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql
      .raw(
        create
          .replace(/create table (if not exists )?"?users"?/i, 'create table "users_rebuilt"')
          .replace(old, COUNTER_ROLE_CHECK),
      )
      .execute(db);
    await sql`insert into users_rebuilt select * from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_rebuilt rename to users`.execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error("foreign keys broken by the users rebuild");
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await allowCounterStaffRole(db);

  await sql`create table counters (
    id integer primary key autoincrement,
    slug text not null unique,
    name_zh text not null,
    name_en text not null,
    address_zh text not null,
    address_en text not null,
    district_zh text not null,
    district_en text not null,
    hours_zh text not null,
    hours_en text not null,
    map_url text not null,
    phone text,
    sort integer not null default 0,
    created_at text not null
  )`.execute(db);
  await sql`create table counter_staff (
    user_id integer primary key references users(id) on delete cascade,
    counter_id integer not null references counters(id),
    added_at text not null
  )`.execute(db);
  await sql`create table counter_stock (
    counter_id integer not null references counters(id),
    product_id integer not null references products(id),
    quantity integer not null check (quantity >= 0),
    updated_at text not null,
    primary key (counter_id, product_id)
  )`.execute(db);
  await sql`create index counter_stock_product on counter_stock (product_id, quantity)`.execute(db);

  // a cooperative's goods sent to a counter: taken from its stock when sent, added to the
  // counter's when its staff receive them, each line counted on arrival
  await sql`create table counter_transfers (
    id integer primary key autoincrement,
    counter_id integer not null references counters(id),
    cooperative_id integer not null references cooperatives(id),
    status text not null check (status in ('sent', 'received')),
    note text,
    sent_by integer references users(id),
    sent_by_name text not null,
    sent_at text not null,
    received_by integer references users(id),
    received_by_name text,
    received_at text
  )`.execute(db);
  await sql`create index counter_transfers_counter on counter_transfers (counter_id, status)`.execute(
    db,
  );
  await sql`create index counter_transfers_coop on counter_transfers (cooperative_id, sent_at)`.execute(
    db,
  );
  await sql`create table counter_transfer_lines (
    transfer_id integer not null references counter_transfers(id),
    product_id integer not null references products(id),
    quantity_sent integer not null check (quantity_sent > 0),
    quantity_received integer check (quantity_received is null or quantity_received >= 0),
    primary key (transfer_id, product_id)
  )`.execute(db);
  // every change to a counter's stock that is not a sale: a stock count or a transfer that
  // arrived short or over, with the reason given
  await sql`create table counter_stock_adjustments (
    id integer primary key autoincrement,
    counter_id integer not null references counters(id),
    product_id integer not null references products(id),
    kind text not null check (kind in ('count', 'transfer')),
    transfer_id integer references counter_transfers(id),
    expected integer not null,
    counted integer not null check (counted >= 0),
    difference integer not null,
    reason text not null,
    by_user integer references users(id),
    by_name text not null,
    at text not null
  )`.execute(db);
  await sql`create index counter_stock_adjustments_counter on counter_stock_adjustments (counter_id, at)`.execute(
    db,
  );

  await sql`alter table orders add column fulfilment text not null default 'delivery'
    check (fulfilment in ('delivery', 'pickup'))`.execute(db);
  await sql`alter table orders add column channel text not null default 'online'
    check (channel in ('online', 'counter'))`.execute(db);
  await sql`alter table orders add column counter_id integer references counters(id)`.execute(db);
  await sql`alter table orders add column pickup_code text`.execute(db);
  await sql`alter table orders add column collected_at text`.execute(db);
  await sql`alter table orders add column collected_by integer references users(id)`.execute(db);
  await sql`alter table orders add column collected_by_name text`.execute(db);
  await sql`alter table orders add column counter_payment text
    check (counter_payment is null or counter_payment in ('cash', 'card', 'qr'))`.execute(db);
  await sql`create unique index orders_pickup_code on orders (pickup_code)
    where pickup_code is not null`.execute(db);
  await sql`create index orders_counter on orders (counter_id, status)
    where counter_id is not null`.execute(db);

  await sql`alter table aid_ledger add column channel text not null default 'online'
    check (channel in ('online', 'counter'))`.execute(db);
  await sql`alter table aid_ledger add column counter_id integer`.execute(db);

  // what the public pages show: a counter's name, address and hours, and whether it has a
  // product at all (not how many, so a sale that leaves some does not empty the cache)
  for (const event of ["insert", "update", "delete"]) {
    await createTrigger(
      db,
      `create trigger page_version_counters_${event} after ${event} on counters
         begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
    );
  }
  for (const event of ["insert", "delete"]) {
    await createTrigger(
      db,
      `create trigger page_version_counter_stock_${event} after ${event} on counter_stock
         begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
    );
  }
  await createTrigger(
    db,
    `create trigger page_version_counter_stock_update after update on counter_stock
       when (old.quantity > 0) is not (new.quantity > 0) or old.product_id is not new.product_id
         or old.counter_id is not new.counter_id
       begin update page_versions set version = version + 1 where scope = 'catalogue'; end`,
  );
}
