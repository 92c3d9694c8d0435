// `npm run ledger:verify` (ADR 040): walks the whole ledger in id order, recomputing each
// entry's hash from its fields and the entry before it, and each reported month's digest
// from the entries; names the first entry (and every digest) that does not match.
import type { Kysely, Selectable } from "kysely";
import type { Database } from "#db/schema";
import {
  CHAIN_FORM,
  CHAIN_FORM_V1,
  CHAINED_FIELDS,
  entryHash,
  GENESIS_HASH,
} from "./ledger-chain.server";
import {
  digestOf,
  listMonthDigests,
  type CountyTotal,
  type MonthDigest,
} from "./month-digests.server";

type DB = Kysely<Database>;

export interface BrokenEntry {
  id: number;
  day: string;
  occurredAt: string;
  orderId: number;
  orderNumber: string | null;
  /**
   * link: its prev_hash is not the hash of the entry before; hash: its fields were changed;
   * line: an entry sealed before ADR 044 whose box or seller (which its hash does not cover)
   * is not what its order line says
   */
  problem: "link" | "hash" | "line";
}

export interface BrokenDigest {
  month: string;
  /** the digest's fields that differ from the ledger, or "missing" for a reported month without one */
  fields: string[];
}

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  /** entries whose link or hash does not match */
  brokenEntries: number;
  firstBroken: BrokenEntry | null;
  digests: number;
  brokenDigests: BrokenDigest[];
  headHash: string;
}

const SELECTED = [
  "id",
  "prev_hash",
  "hash",
  "chain_form",
  ...CHAINED_FIELDS.map(([name]) => name),
] as const;

/** Per month: county totals and the last entry, as the ledger says. */
type MonthAcc = { counties: Map<string, CountyTotal>; last: { id: number; hash: string } | null };

function addToMonth(months: Map<string, MonthAcc>, row: LedgerRow) {
  let month = months.get(row.month);
  if (!month) months.set(row.month, (month = { counties: new Map(), last: null }));
  let county = month.counties.get(row.county_code);
  if (!county) {
    county = { county: row.county_code, entries: 0, aidFen: 0, otherFen: 0 };
    month.counties.set(row.county_code, county);
  }
  county.entries += 1;
  if (row.eligible === 1) county.aidFen += row.amount_fen;
  else county.otherFen += row.amount_fen;
  month.last = { id: row.id, hash: row.hash };
}

type LedgerRow = Selectable<Database["aid_ledger"]> & {
  id: number;
  /** the order line's product and cooperative, for entries sealed in form v1 */
  line_product_id: number | null;
  line_cooperative_id: number | null;
};

/**
 * Entries sealed in form v1 got their box and seller from their order line when ADR 044's
 * migration added them; their hash does not cover them, so they must still say what the
 * order line says (its product is the box when it is not the entry's own product).
 */
function v1LineMatches(row: LedgerRow): boolean {
  // entries sealed before form v3 were all sold online; their hash does not cover the channel
  if (row.chain_form !== CHAIN_FORM && (row.channel !== "online" || row.counter_id !== null)) {
    return false;
  }
  if (row.chain_form !== CHAIN_FORM_V1) return true;
  const box = row.line_product_id !== row.product_id ? row.line_product_id : null;
  return row.seller_cooperative_id === row.line_cooperative_id && row.bundle_product_id === box;
}

/** Recomputes the chain and the digests. Reads only; safe beside the running store. */
export async function verifyLedger(db: DB): Promise<LedgerVerification> {
  let prev = GENESIS_HASH;
  let entries = 0;
  let brokenEntries = 0;
  let first: LedgerRow | null = null;
  let firstProblem: BrokenEntry["problem"] = "hash";
  const months = new Map<string, MonthAcc>();
  const stream = db
    .selectFrom("aid_ledger as a")
    .leftJoin("order_lines as l", "l.id", "a.order_line_id")
    .select(SELECTED.map((c) => `a.${c}` as const))
    .select(["l.product_id as line_product_id", "l.cooperative_id as line_cooperative_id"])
    .orderBy("a.id")
    .stream(2000);
  for await (const row of stream as AsyncIterable<LedgerRow>) {
    entries += 1;
    // each entry is judged against its own stored link, so one change names one entry
    const linked = row.prev_hash === prev;
    const sealed = linked && entryHash(row.prev_hash, row) === row.hash;
    const lineOk = sealed && v1LineMatches(row);
    if (!linked || !sealed || !lineOk) {
      brokenEntries += 1;
      if (!first) {
        first = row;
        firstProblem = !linked ? "link" : !sealed ? "hash" : "line";
      }
    }
    addToMonth(months, row);
    prev = row.hash;
  }
  const brokenDigests = await checkDigests(db, months);
  return {
    ok: brokenEntries === 0 && brokenDigests.length === 0,
    entries,
    brokenEntries,
    firstBroken: first ? await describe(db, first, firstProblem) : null,
    digests: (await db.selectFrom("aid_month_digests").select("month").execute()).length,
    brokenDigests,
    headHash: prev,
  };
}

/** Every stored digest against the ledger, and every reported month has one. */
async function checkDigests(db: DB, months: Map<string, MonthAcc>): Promise<BrokenDigest[]> {
  const stored = await listMonthDigests(db);
  const broken: BrokenDigest[] = [];
  for (const digest of stored) {
    const acc = months.get(digest.month);
    const fromLedger = digestOf(
      digest.month,
      acc ? [...acc.counties.values()] : [],
      acc?.last ?? null,
    );
    const fields = digestDifferences(digest, fromLedger);
    if (fields.length) broken.push({ month: digest.month, fields });
  }
  const sealed = new Set(stored.map((d) => d.month));
  const reported = await db
    .selectFrom("reported_periods")
    .select("month")
    .orderBy("month")
    .execute();
  for (const { month } of reported) {
    if (!sealed.has(month)) broken.push({ month, fields: ["missing"] });
  }
  return broken.sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Which of a digest's fields differ from the same digest recomputed. */
export function digestDifferences(stored: MonthDigest, fresh: MonthDigest): string[] {
  const fields: string[] = [];
  for (const key of ["entries", "aidFen", "otherFen", "lastEntryId", "lastHash"] as const) {
    if (stored[key] !== fresh[key]) fields.push(key);
  }
  if (JSON.stringify(stored.counties) !== JSON.stringify(fresh.counties)) fields.push("counties");
  return fields;
}

async function describe(db: DB, row: LedgerRow, problem: BrokenEntry["problem"]) {
  const order = await db
    .selectFrom("orders")
    .select("number")
    .where("id", "=", row.order_id)
    .executeTakeFirst();
  return {
    id: row.id,
    day: row.day,
    occurredAt: row.occurred_at,
    orderId: row.order_id,
    orderNumber: order?.number ?? null,
    problem,
  };
}

/** The command's output: one line when all is well, otherwise what broke, first things first. */
export function formatLedgerVerification(v: LedgerVerification): string {
  if (v.ok) {
    return (
      `ledger:verify: ok — ${v.entries} entries chained, ${v.digests} month digests match, ` +
      `head ${v.headHash}`
    );
  }
  const lines = [`ledger:verify: FAILED — ${v.entries} entries, ${v.digests} month digests`];
  if (v.firstBroken) {
    const e = v.firstBroken;
    const what =
      e.problem === "link"
        ? "does not follow the entry before it (an entry removed, inserted or reordered before it)"
        : e.problem === "line"
          ? "its gift box or seller is not what its order line says (changed after it was chained)"
          : "does not match its hash (its fields were changed)";
    lines.push(
      `first entry that does not match: id ${e.id}, ${e.day} (${e.occurredAt}), ` +
        `order ${e.orderNumber ?? "?"} (#${e.orderId}): ${what}`,
    );
    if (v.brokenEntries > 1)
      lines.push(`${v.brokenEntries - 1} more entries do not match after it`);
  }
  for (const d of v.brokenDigests) {
    lines.push(
      d.fields[0] === "missing"
        ? `month ${d.month} is reported but has no digest`
        : `month ${d.month}: the digest does not match the ledger (${d.fields.join(", ")})`,
    );
  }
  return lines.join("\n");
}
