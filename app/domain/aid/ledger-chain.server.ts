// The aid ledger's hash chain (docs/decisions/040-tamper-evident-ledger.md): each entry
// carries the hash of the entry before it, and its own hash seals its fields and that link.
// This is the one definition the store's writer (appendLedger), the volume generator and
// the verifier (ledger:verify) use. The migration that back-filled the chain carries its own
// frozen copy (20261202T0700_ledger_chain.ts); a test holds the two to the same hashes.
// Changing the form breaks every existing hash: a new form needs a new version tag and a
// verifier that knows both.
import { createHash } from "node:crypto";

/** prev_hash of the first entry: there is nothing before it. */
export const GENESIS_HASH = "0".repeat(64);

/** Names the form of serialisation, so a later form can be told apart. */
export const CHAIN_FORM = "shanhai-ledger-v1";

/**
 * The sealed fields, in their fixed order, with the type each is read back as. Everything
 * an entry says except its own id (the chain's order already fixes its place) and the two
 * hash columns. `recorded_at` is written by the store (not left to the column default), so
 * the writer knows it before the row exists.
 */
export const CHAINED_FIELDS = [
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

export type ChainedField = (typeof CHAINED_FIELDS)[number][0];
/** Missing nullable fields count as null; a missing required one is refused. */
export type ChainedEntry = Partial<Record<ChainedField, unknown>>;

/**
 * The canonical text of an entry: a JSON array of the form tag and the fields in
 * CHAINED_FIELDS order, each as the type SQLite gives it back (integers as numbers, texts
 * as strings, null as null), so the writer's values and the stored row serialise alike.
 */
export function canonicalEntry(entry: ChainedEntry): string {
  const values: unknown[] = [CHAIN_FORM];
  for (const [name, type] of CHAINED_FIELDS) {
    const value = entry[name];
    if (value === null || value === undefined) {
      if (!type.endsWith("?")) throw new Error(`ledger entry without ${name}`);
      values.push(null);
    } else if (type.startsWith("int")) {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new Error(`ledger entry ${name} is not an integer`);
      values.push(n);
    } else {
      values.push(String(value));
    }
  }
  return JSON.stringify(values);
}

/** sha256(prev_hash ‖ canonical entry), lower-case hex. */
export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash("sha256").update(prevHash).update(canonicalEntry(entry)).digest("hex");
}

/** Links entries onto the chain after `prevHash`, in order: each gets prev_hash and hash. */
export function chainEntries<T extends ChainedEntry>(
  prevHash: string,
  entries: readonly T[],
): Array<T & { prev_hash: string; hash: string }> {
  let prev = prevHash;
  return entries.map((entry) => {
    const hash = entryHash(prev, entry);
    const linked = { ...entry, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}
