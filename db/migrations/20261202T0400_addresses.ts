// The shopper's address book. Each row keeps the region codes (to validate and to re-open
// the picker) and their names (what an order copies into its own address snapshot).
// At most one default address per person, enforced by a partial unique index so that no
// write path can leave two. Frozen once landed.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table addresses (
    id integer primary key autoincrement,
    user_id integer not null references users(id) on delete cascade,
    recipient text not null,
    phone text not null,
    province_code text not null,
    province text not null,
    city_code text not null,
    city text not null,
    district_code text not null,
    district text not null,
    street text not null,
    is_default integer not null default 0 check (is_default in (0, 1)),
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await sql`create index addresses_user on addresses (user_id, is_default desc, id)`.execute(db);
  await sql`create unique index addresses_one_default on addresses (user_id) where is_default = 1`.execute(
    db,
  );
}
