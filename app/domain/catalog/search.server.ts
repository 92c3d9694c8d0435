// Full-text search, the only dialect-specific part of the catalogue. On SQLite it reads
// the FTS5 trigram index kept by triggers (see the initial migration, and
// 20261202T0300_search_pinyin, which adds each name's pinyin and initials to the indexed
// text); a PostgreSQL dialect would put pg_trgm behind these same functions.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
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

/** `text` contains `term` (ASCII case ignored, as FTS5 and LIKE both do). */
function contains(text: RawBuilder<unknown>, term: string) {
  return sql<SqlBool>`${text} like ${`%${likeEscaped(term)}%`} escape '\\'`;
}

const every = (conditions: RawBuilder<SqlBool>[]) =>
  sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

/**
 * A condition on `products.id` that is true when every term occurs in the product's
 * searchable text (names, their pinyin and initials, summaries, category, county and
 * cooperative names). Trigram MATCH needs three characters; shorter terms (most Chinese
 * words are two: 牦牛, 草莓; initials: mn) use LIKE on the same table, which FTS5 answers exactly.
 */
export function matchesSearch(productId: Expression<number>, terms: string[]): Expression<SqlBool> {
  const conditions = terms.map((term) => {
    if ([...term].length >= 3) {
      const quoted = `"${term.replaceAll('"', '""')}"`;
      return sql<SqlBool>`body match ${quoted}`;
    }
    return contains(sql`body`, term);
  });
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
 * over the listing's aliases: `p` products, `y` its county. `q` is the whole query.
 */
export function searchRank(q: string, terms: string[]): RawBuilder<number> {
  const whole = terms.join(" ");
  const names = sql`(p.name_zh || ' ' || p.name_en)`;
  const pinyin = sql`(replace(p.name_pinyin, ' ', '') || ' ' || p.name_initials)`;
  const details = sql`(${names} || ' ' || ${pinyin} || ' ' || p.summary_zh || ' ' || p.summary_en || ' ' ||
    y.name_zh || ' ' || y.name_en || ' ' ||
    coalesce((select k.name_zh || ' ' || k.name_en from categories k where k.code = p.category_code), ''))`;
  const compact = latinQuery(q);
  const ranks: Record<SearchRank, RawBuilder<SqlBool>> = {
    exactName: sql<SqlBool>`(p.name_zh = ${whole} or lower(p.name_en) = ${whole})`,
    namePrefix: sql<SqlBool>`(p.name_zh like ${`${likeEscaped(whole)}%`} escape '\\' or p.name_en like ${`${likeEscaped(whole)}%`} escape '\\')`,
    nameContains: every(terms.map((t) => contains(names, t))),
    // typed with or without spaces between syllables: "mao niu", "maoniu"
    pinyin: compact
      ? sql<SqlBool>`(${contains(pinyin, compact)} or ${every(terms.map((t) => contains(pinyin, t)))})`
      : sql<SqlBool>`0`,
    details: every(terms.map((t) => contains(details, t))),
    cooperative: sql<SqlBool>`1`,
  };
  const whens = SEARCH_RANKS.map((rank, i) => sql`when ${ranks[rank]} then ${sql.lit(i)}`);
  return sql<number>`(case ${sql.join(whens, sql` `)} end)`;
}
