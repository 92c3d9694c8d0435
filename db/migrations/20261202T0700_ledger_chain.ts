// The aid ledger becomes a hash chain, and each reported (closed) month gets a digest
// (docs/decisions/040-tamper-evident-ledger.md). Frozen once landed: the serialisation the
// back-fill hashes with is copied here on purpose rather than imported, so a later change
// to app/domain/aid/ledger-chain.server.ts can never change what this migration did
// (ledger-chain.test.ts holds the two to the same hashes while they are meant to agree).
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { createTrigger, dropTrigger } from "./engine-sql";

const GENESIS = "0".repeat(64);
const FORM = "shanhai-ledger-v1";
const FIELDS = [
  ["entry_type", "text"],
  ["order_id", "int"],
  ["order_line_id", "int"],
  ["refund_id", "int?"],
  ["amount_fen", "int"],
  ["quantity", "int"],
  ["county_code", "text"],
  ["paired_district_zh", "text?"],
  ["cooperative_id", "int"],
  ["product_id", "int"],
  ["category_group", "text"],
  ["bucket", "text"],
  ["buyer_type", "text"],
  ["funding_source", "text"],
  ["buyer_key", "text"],
  ["eligible", "int"],
  ["occurred_at", "text"],
  ["day", "text"],
  ["month", "text"],
  ["recorded_at", "text"],
] as const;

function hashOf(prev: string, row: Record<string, unknown>): string {
  const values: unknown[] = [FORM];
  for (const [name, type] of FIELDS) {
    const value = row[name];
    if (value === null || value === undefined) values.push(null);
    else values.push(type.startsWith("int") ? Number(value) : String(value));
  }
  return createHash("sha256").update(prev).update(JSON.stringify(values)).digest("hex");
}

const PAGE = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("aid_ledger")
    .addColumn("prev_hash", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("aid_ledger")
    .addColumn("hash", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await backFillChain(db);

  // The writer links each entry to the last one in its BEGIN IMMEDIATE transaction; the
  // database refuses an entry that does not continue the chain, so no write path (a
  // script, a forgotten insert, two writers racing) can fork it or leave a hole.
  await createTrigger(
    db,
    sql`create trigger aid_ledger_chain before insert on aid_ledger
    when new.prev_hash is not coalesce((select hash from aid_ledger order by id desc limit 1), ${sql.lit(GENESIS)})
      or length(new.hash) != 64
    begin select raise(abort, 'aid_ledger entry does not continue the hash chain'); end`,
  );

  // A closed month's seal: written when the aid office reports the month (after which no
  // entry is dated in it), published on /transparency.
  await db.schema
    .createTable("aid_month_digests")
    .addColumn("month", "text", (c) => c.primaryKey())
    .addColumn("entries", "integer", (c) => c.notNull())
    /** JSON array by county code: [{ county, entries, aidFen, otherFen }] */
    .addColumn("county_totals", "text", (c) => c.notNull())
    .addColumn("aid_fen", "integer", (c) => c.notNull())
    .addColumn("other_fen", "integer", (c) => c.notNull())
    /** the month's entry with the highest id, and its hash; null for a month without entries */
    .addColumn("last_entry_id", "integer")
    .addColumn("last_hash", "text")
    .addColumn("closed_at", "text", (c) => c.notNull())
    .execute();
  const reported = await sql<{ month: string; reported_at: string }>`
    select month, reported_at from reported_periods order by month`.execute(db);
  for (const period of reported.rows) await backFillDigest(db, period.month, period.reported_at);

  // /transparency is a shared page: its digests and its county totals bump the aid scope
  const bump = `update page_versions set version = version + 1 where scope = 'aid';`;
  for (const event of ["insert", "update", "delete"]) {
    await createTrigger(
      db,
      `create trigger page_version_aid_month_digests_${event} after ${event} on aid_month_digests
         begin ${bump} end`,
    );
    const row = event === "delete" ? "old" : "new";
    await createTrigger(
      db,
      `create trigger page_version_aid_month_totals_${event} after ${event} on aid_month_totals
         when ${row}.dimension = 'county' begin ${bump} end`,
    );
  }
}

/** Hashes every existing entry in id order, then writes the hashes in one update. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backFillChain(db: Kysely<any>) {
  await sql`create temp table ledger_chain_fill (id integer primary key, prev_hash text, hash text)`.execute(
    db,
  );
  let prev = GENESIS;
  let after = 0;
  for (;;) {
    const page = await sql<Record<string, unknown> & { id: number }>`
      select * from aid_ledger where id > ${after} order by id limit ${PAGE}`.execute(db);
    if (!page.rows.length) break;
    const linked = page.rows.map((row) => {
      const hash = hashOf(prev, row);
      const link = { id: row.id, prev_hash: prev, hash };
      prev = hash;
      return link;
    });
    await db.insertInto("ledger_chain_fill").values(linked).execute();
    after = page.rows[page.rows.length - 1]!.id;
  }
  if (after === 0) {
    await sql`drop table ledger_chain_fill`.execute(db);
    return;
  }
  // the append-only trigger is lifted for this one update and put back exactly as it was
  await dropTrigger(db, "aid_ledger_no_update", "aid_ledger");
  await sql`update aid_ledger set prev_hash = f.prev_hash, hash = f.hash
    from ledger_chain_fill f where f.id = aid_ledger.id`.execute(db);
  await createTrigger(
    db,
    sql`create trigger aid_ledger_no_update before update on aid_ledger
    begin select raise(abort, 'aid_ledger is append-only'); end`,
  );
  await sql`drop table ledger_chain_fill`.execute(db);
}

/** The digest of a month already reported before the chain existed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backFillDigest(db: Kysely<any>, month: string, closedAt: string) {
  const totals = await sql<{ county_code: string; entries: number; aid: number; other: number }>`
    select county_code, count(*) as entries,
      coalesce(sum(case when eligible = 1 then amount_fen end), 0) as aid,
      coalesce(sum(case when eligible = 1 then 0 else amount_fen end), 0) as other
    from aid_ledger where day >= ${`${month}-01`} and day <= ${`${month}-31`}
    group by county_code order by county_code`.execute(db);
  const last = await sql<{ id: number; hash: string }>`
    select id, hash from aid_ledger where day >= ${`${month}-01`} and day <= ${`${month}-31`}
    order by id desc limit 1`.execute(db);
  const counties = totals.rows.map((r) => ({
    county: r.county_code,
    entries: Number(r.entries),
    aidFen: Number(r.aid),
    otherFen: Number(r.other),
  }));
  await db
    .insertInto("aid_month_digests")
    .values({
      month,
      entries: counties.reduce((s, c) => s + c.entries, 0),
      county_totals: JSON.stringify(counties),
      aid_fen: counties.reduce((s, c) => s + c.aidFen, 0),
      other_fen: counties.reduce((s, c) => s + c.otherFen, 0),
      last_entry_id: last.rows[0]?.id ?? null,
      last_hash: last.rows[0]?.hash ?? null,
      closed_at: closedAt,
    })
    .execute();
}
