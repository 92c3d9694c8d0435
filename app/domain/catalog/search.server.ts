// Full-text search, the only dialect-specific part of the catalogue. On SQLite it reads
// the FTS5 trigram index kept by triggers (see the initial migration); a PostgreSQL
// dialect would put pg_trgm behind this same function.
import { sql, type Expression, type SqlBool } from "kysely";

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

/**
 * A condition on `products.id` that is true when every term occurs in the product's
 * searchable text. Trigram MATCH needs three characters; shorter terms (most Chinese
 * words are two: 牦牛, 草莓) use LIKE on the same table, which FTS5 answers exactly.
 */
export function matchesSearch(productId: Expression<number>, terms: string[]): Expression<SqlBool> {
  const conditions = terms.map((term) => {
    if ([...term].length >= 3) {
      const quoted = `"${term.replaceAll('"', '""')}"`;
      return sql<SqlBool>`body match ${quoted}`;
    }
    const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
    return sql<SqlBool>`body like ${`%${escaped}%`} escape '\\'`;
  });
  return sql<SqlBool>`${productId} in (select rowid from product_search where ${sql.join(conditions, sql` and `)})`;
}
