// Full-text search, the only engine-specific part of the catalogue. On SQLite it reads
// the FTS5 trigram index kept by triggers (see the initial migration, and
// 20261202T0300_search_pinyin, which adds each name's pinyin and initials to the indexed
// text); on PostgreSQL the same text, kept by the same triggers, is read with ILIKE through
// pg_trgm's trigram index (ADR 052). Both find a product when every term occurs in its text.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import { engineOf, type DB, type Engine } from "#db/connection";
import { latinQuery } from "./pinyin.server";

/**
 * Splits what the shopper typed into terms; punctuation, spaces and control characters
 * separate them (FTS5 reads a NUL inside a quoted term as its end: "unterminated string").
 */
export function searchTerms(q: string): string[] {
  return q
    .normalize("NFKC")
    .toLowerCase()
    .split(/[\s\p{Cc},，、;；/|"'()（）]+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 6);
}

const likeEscaped = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `text` contains `term`, case ignored (as SQLite's FTS5 and LIKE do, and ILIKE). */
function contains(text: RawBuilder<unknown>, term: string, engine: Engine) {
  return sql<SqlBool>`${text} ${likeOf(engine)} ${`%${likeEscaped(term)}%`} escape '\\'`;
}

/** The LIKE that ignores ASCII case on each engine. */
const likeOf = (engine: Engine) => (engine === "postgres" ? sql`ilike` : sql`like`);

const TRUE = sql<SqlBool>`(1 = 1)`;
const FALSE = sql<SqlBool>`(1 = 0)`;

const every = (conditions: RawBuilder<SqlBool>[]) =>
  sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

/** Vocabulary lookups past this many trigrams read the text instead (a one-letter query). */
const MAX_TRIGRAMS = 200;

/** A search, read and looked up once: what `matchesSearch` and `searchRank` are built from. */
export interface SearchPlan {
  /** the whole query, as typed */
  q: string;
  terms: string[];
  /** an FTS5 query that every found product matches, or null when no term can use the index */
  match: string | null;
  /** terms only LIKE can find (a single Latin letter, or a short term with too many trigrams) */
  like: string[];
  /** some term occurs nowhere: nothing can be found */
  nothing: boolean;
  engine: Engine;
}

const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * Reads a query for the index. The trigram index answers terms of three characters or more
 * itself; a shorter term (most Chinese words are two: 牦牛, 草莓; initials: mn) becomes the
 * indexed trigrams that start with it (牦牛肉, 牦牛腱, …), read from the index's vocabulary,
 * since every character of the indexed text starts a trigram (the text ends in two spaces).
 * That is a fraction of a millisecond where LIKE read every product's text (5–15 ms at
 * 10,000 products). `null` for a query with no terms.
 */
export async function planSearch(db: DB, q: string): Promise<SearchPlan | null> {
  const terms = searchTerms(q);
  if (terms.length === 0) return null;
  const engine = engineOf(db);
  // pg_trgm's index answers ILIKE for a term of any length
  if (engine === "postgres") return { q, terms, match: null, like: terms, nothing: false, engine };
  const parts: string[] = [];
  const like: string[] = [];
  for (const term of terms) {
    const length = [...term].length;
    if (length >= 3) {
      parts.push(quoted(term));
      continue;
    }
    if (length === 1 && term.charCodeAt(0) < 0x80) {
      like.push(term);
      continue;
    }
    const { rows } = await sql<{ term: string }>`
      select term from product_search_vocab where term >= ${term} and term < ${`${term}\u{10FFFF}`}
      limit ${MAX_TRIGRAMS + 1}`.execute(db);
    if (rows.length === 0) return { q, terms, match: null, like, nothing: true, engine };
    if (rows.length > MAX_TRIGRAMS) like.push(term);
    else parts.push(`(${rows.map((r) => quoted(r.term)).join(" OR ")})`);
  }
  return {
    q,
    terms,
    match: parts.length ? parts.join(" AND ") : null,
    like,
    nothing: false,
    engine,
  };
}

/**
 * A condition on `products.id` that is true when every term occurs in the product's
 * searchable text (names, their pinyin and initials, summaries, category, county and
 * cooperative names).
 */
export function matchesSearch(
  productId: Expression<number>,
  plan: SearchPlan,
): Expression<SqlBool> {
  if (plan.nothing) return FALSE;
  const conditions = [
    ...(plan.match ? [sql<SqlBool>`body match ${plan.match}`] : []),
    ...plan.like.map((term) => contains(sql`body`, term, plan.engine)),
  ];
  return sql<SqlBool>`${productId} in (select rowid from product_search where ${sql.join(conditions, sql` and `)})`;
}

/**
 * Why a search found a product, best first; a search listed by relevance orders by this
 * (then in stock, featured, oldest). A product found only through its cooperative's name
 * (藏羊排 for 牦牛, from 牦牛藏羊养殖专业合作社) comes last.
 */
export const SEARCH_RANKS = [
  "exactName",
  "namePrefix",
  "nameContains",
  "pinyin",
  "details",
  "cooperative",
] as const;
export type SearchRank = (typeof SEARCH_RANKS)[number];

/**
 * The rank (an index into SEARCH_RANKS) of a product row found by `matchesSearch`, as SQL
 * over the listing's aliases: `p` products, `y` its county.
 */
export function searchRank({ q, terms, engine }: SearchPlan): RawBuilder<number> {
  const whole = terms.join(" ");
  const names = sql`(p.name_zh || ' ' || p.name_en)`;
  const pinyin = sql`(replace(p.name_pinyin, ' ', '') || ' ' || p.name_initials)`;
  const details = sql`(${names} || ' ' || ${pinyin} || ' ' || p.summary_zh || ' ' || p.summary_en || ' ' ||
    y.name_zh || ' ' || y.name_en || ' ' ||
    coalesce((select k.name_zh || ' ' || k.name_en from categories k where k.code = p.category_code), ''))`;
  const compact = latinQuery(q);
  const ranks: Record<SearchRank, RawBuilder<SqlBool>> = {
    exactName: sql<SqlBool>`(p.name_zh = ${whole} or lower(p.name_en) = ${whole})`,
    namePrefix: sql<SqlBool>`(p.name_zh ${likeOf(engine)} ${`${likeEscaped(whole)}%`} escape '\\' or p.name_en ${likeOf(engine)} ${`${likeEscaped(whole)}%`} escape '\\')`,
    nameContains: every(terms.map((t) => contains(names, t, engine))),
    // typed with or without spaces between syllables: "mao niu", "maoniu"
    pinyin: compact
      ? sql<SqlBool>`(${contains(pinyin, compact, engine)} or ${every(terms.map((t) => contains(pinyin, t, engine)))})`
      : FALSE,
    details: every(terms.map((t) => contains(details, t, engine))),
    cooperative: TRUE,
  };
  const whens = SEARCH_RANKS.map((rank, i) => sql`when ${ranks[rank]} then ${sql.lit(i)}`);
  return sql<number>`(case ${sql.join(whens, sql` `)} end)`;
}
