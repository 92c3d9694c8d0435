// The aid ledger's hash chain (docs/decisions/040-tamper-evident-ledger.md): each entry
// carries the hash of the entry before it, and its own hash seals its fields and that link.
// This is the one definition the store's writer (appendLedger), the volume generator and
// the verifier (ledger:verify) use. The migration that back-filled the chain carries its own
// frozen copy (20261202T0700_ledger_chain.ts); a test holds the two to the same hashes.
// A form is never changed once entries are sealed in it: a new form gets a new version tag,
// and each entry records the form it was sealed in (chain_form). v2 added the gift box and
// the seller (docs/decisions/044-gift-boxes-in-the-ledger.md); v1 entries keep their hashes.
// v3 added the channel and the counter (docs/decisions/046-counters.md).
import { createHash } from "node:crypto";

/** prev_hash of the first entry: there is nothing before it. */
export const GENESIS_HASH = "0".repeat(64);

/** The first form (ADR 040): entries written before gift boxes kept their box and seller. */
export const CHAIN_FORM_V1 = "shanhai-ledger-v1";
/** The second form (ADR 044): v1's fields, then the box and the seller. */
export const CHAIN_FORM_V2 = "shanhai-ledger-v2";
/** The form every new entry is sealed in (ADR 046): v2's fields, then the channel and counter. */
export const CHAIN_FORM = "shanhai-ledger-v3";
export type ChainForm = typeof CHAIN_FORM_V1 | typeof CHAIN_FORM_V2 | typeof CHAIN_FORM;

/**
 * The fields form v1 seals, in their fixed order, with the type each is read back as.
 * Everything an entry said then except its own id (the chain's order already fixes its
 * place) and the two hash columns. `recorded_at` is written by the store (not left to the
 * column default), so the writer knows it before the row exists. Frozen: entries sealed in
 * v1 are verified with exactly this list.
 */
export const CHAINED_FIELDS_V1 = [
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

/** Form v2: v1's fields, then the gift box the entry is a share of and who sold the line. */
export const CHAINED_FIELDS_V2 = [
  ...CHAINED_FIELDS_V1,
  ["bundle_product_id", "int?"],
  ["seller_cooperative_id", "int"],
] as const;

/** Form v3: v2's fields, then the channel (online or counter) and the counter that sold it. */
export const CHAINED_FIELDS = [
  ...CHAINED_FIELDS_V2,
  ["channel", "text"],
  ["counter_id", "int?"],
] as const;

const FIELDS_OF: Record<ChainForm, ReadonlyArray<readonly [string, string]>> = {
  [CHAIN_FORM_V1]: CHAINED_FIELDS_V1,
  [CHAIN_FORM_V2]: CHAINED_FIELDS_V2,
  [CHAIN_FORM]: CHAINED_FIELDS,
};

export type ChainedField = (typeof CHAINED_FIELDS)[number][0];
/** Missing nullable fields count as null; a missing required one is refused. */
export type ChainedEntry = Partial<Record<ChainedField | "chain_form", unknown>>;

/** The form an entry says it is sealed in; entries that do not say are v3 (being written). */
export function formOf(entry: ChainedEntry): ChainForm {
  const form = entry.chain_form ?? CHAIN_FORM;
  if (!(String(form) in FIELDS_OF)) throw new Error(`unknown chain form ${String(form)}`);
  return form as ChainForm;
}

/**
 * The canonical text of an entry: a JSON array of its form tag and the fields of that form
 * in their order, each as the type SQLite gives it back (integers as numbers, texts as
 * strings, null as null), so the writer's values and the stored row serialise alike. The
 * tag is part of the text, so an entry can only ever match the hash of the form it was
 * sealed in: changing its chain_form breaks its hash like any other edit.
 */
export function canonicalEntry(entry: ChainedEntry): string {
  const form = formOf(entry);
  const values: unknown[] = [form];
  for (const [name, type] of FIELDS_OF[form]) {
    const value = entry[name as ChainedField];
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

/**
 * Links entries onto the chain after `prevHash`, in order: each is sealed in the current
 * form and gets chain_form, prev_hash and hash.
 */
export function chainEntries<T extends ChainedEntry>(
  prevHash: string,
  entries: readonly T[],
): Array<T & { chain_form: typeof CHAIN_FORM; prev_hash: string; hash: string }> {
  let prev = prevHash;
  return entries.map((entry) => {
    const sealed = { ...entry, chain_form: CHAIN_FORM as typeof CHAIN_FORM };
    const hash = entryHash(prev, sealed);
    const linked = { ...sealed, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}
