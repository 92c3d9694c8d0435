// A reported (closed) month's digest (ADR 040): how many ledger entries it has, their
// totals by county, and the hash of its last entry. Written in the transaction that marks
// the month reported; from then on appendLedger dates every later entry into the current
// month, so the digest never goes stale. Published on /transparency; ledger:verify
// recomputes it from the entries.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";

type Reader = Pick<Kysely<Database> | Transaction<Database>, "selectFrom">;

export interface CountyTotal {
  county: string;
  entries: number;
  /** eligible entries: what counts as aid */
  aidFen: number;
  /** entries of goods that are sold but not counted */
  otherFen: number;
}

export interface MonthDigest {
  month: string;
  entries: number;
  counties: CountyTotal[];
  aidFen: number;
  otherFen: number;
  lastEntryId: number | null;
  lastHash: string | null;
}

/** Builds a digest from its county totals and last entry (also what the verifier does). */
export function digestOf(
  month: string,
  counties: CountyTotal[],
  last: { id: number; hash: string } | null,
): MonthDigest {
  const sorted = [...counties].sort((a, b) => (a.county < b.county ? -1 : 1));
  return {
    month,
    entries: sorted.reduce((s, c) => s + c.entries, 0),
    counties: sorted,
    aidFen: sorted.reduce((s, c) => s + c.aidFen, 0),
    otherFen: sorted.reduce((s, c) => s + c.otherFen, 0),
    lastEntryId: last?.id ?? null,
    lastHash: last?.hash ?? null,
  };
}

/** A month's digest computed from the ledger (its entries by Shanghai day, index aid_ledger_day). */
export async function computeMonthDigest(db: Reader, month: string): Promise<MonthDigest> {
  const range = { from: `${month}-01`, to: `${month}-31` };
  const totals = await db
    .selectFrom("aid_ledger")
    .select((eb) => [
      "county_code",
      eb.fn.countAll<number>().as("entries"),
      eb.fn
        .sum<number>(eb.case().when("eligible", "=", 1).then(eb.ref("amount_fen")).else(0).end())
        .as("aid"),
      eb.fn
        .sum<number>(eb.case().when("eligible", "=", 1).then(0).else(eb.ref("amount_fen")).end())
        .as("other"),
    ])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .groupBy("county_code")
    .execute();
  const last = await db
    .selectFrom("aid_ledger")
    .select(["id", "hash"])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return digestOf(
    month,
    totals.map((r) => ({
      county: r.county_code,
      entries: Number(r.entries),
      aidFen: Number(r.aid),
      otherFen: Number(r.other),
    })),
    last ?? null,
  );
}

/** Seals a month; call in the transaction that marks it reported. Once per month. */
export async function writeMonthDigest(
  trx: Transaction<Database>,
  month: string,
  closedAt: Date,
): Promise<MonthDigest> {
  const digest = await computeMonthDigest(trx, month);
  await trx
    .insertInto("aid_month_digests")
    .values({
      month,
      entries: digest.entries,
      county_totals: JSON.stringify(digest.counties),
      aid_fen: digest.aidFen,
      other_fen: digest.otherFen,
      last_entry_id: digest.lastEntryId,
      last_hash: digest.lastHash,
      closed_at: closedAt.toISOString(),
    })
    .execute();
  return digest;
}

export interface StoredDigest extends MonthDigest {
  closedAt: string;
}

/** The stored digests, oldest first; `year` limits them to one calendar year. */
export async function listMonthDigests(db: Reader, year?: number): Promise<StoredDigest[]> {
  let query = db
    .selectFrom("aid_month_digests")
    .select([
      "month",
      "entries",
      "county_totals",
      "aid_fen",
      "other_fen",
      "last_entry_id",
      "last_hash",
      "closed_at",
    ])
    .orderBy("month");
  if (year !== undefined) query = query.where("month", "like", `${year}-%`);
  const rows = await query.execute();
  return rows.map((r) => ({
    month: r.month,
    entries: r.entries,
    counties: parseCountyTotals(r.county_totals),
    aidFen: r.aid_fen,
    otherFen: r.other_fen,
    lastEntryId: r.last_entry_id,
    lastHash: r.last_hash,
    closedAt: r.closed_at,
  }));
}

/** The stored JSON, read defensively: a damaged digest is something to report, not a crash. */
function parseCountyTotals(text: string): CountyTotal[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.map((c: Record<string, unknown>) => ({
      county: String(c.county),
      entries: Number(c.entries),
      aidFen: Number(c.aidFen),
      otherFen: Number(c.otherFen),
    }));
  } catch {
    return [];
  }
}
