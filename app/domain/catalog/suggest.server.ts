// "Did you mean": when a search finds nothing (or next to nothing), words from the store's
// own product, category and county names that sound like what was typed (草梅 → 草莓, both
// "caomei"), or whose pinyin, initials or English spelling is one slip away (caomie, maonui,
// strawbery). Every suggestion is a word some active product's searchable text contains.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { hanSyllables, isHan, latinQuery } from "./pinyin.server";
import { matchesSearch, planSearch, searchTerms } from "./search.server";

/** Fewer results than this and the page offers suggestions. */
export const SUGGEST_BELOW = 3;
const MAX_SUGGESTIONS = 4;
/** Han words are taken from names as runs of 2 to 6 characters (草莓 in 高原草莓). */
const MIN_WORD = 2;
const MAX_WORD = 6;

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, and two
 * neighbours swapped, the commonest slip on a keyboard), or `max + 1` once it is beyond `max`.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

interface HanWord {
  word: string;
  /** pinyin run together ("caomei") and initials ("cm") */
  pinyin: string;
  syllables: string[];
  initials: string;
  /** how many products' names hold it: the more, the likelier it is meant */
  weight: number;
}

interface Vocabulary {
  han: HanWord[];
  /** English words of product names (four letters or more), lower case → as written */
  english: Map<string, { word: string; weight: number }>;
}

/** A name's runs of Chinese characters (高原草莓 in 高原草莓（礼盒）), each with its syllables. */
function hanRuns(name: string, syllables: string[]): Array<{ run: string; syllables: string[] }> {
  const runs: Array<{ run: string; syllables: string[] }> = [];
  let k = 0;
  let current = { run: "", syllables: [] as string[] };
  for (const char of name.normalize("NFKC")) {
    if (isHan(char)) {
      current.run += char;
      current.syllables.push(syllables[k++] ?? "");
    } else if (current.run) {
      runs.push(current);
      current = { run: "", syllables: [] };
    }
  }
  if (current.run) runs.push(current);
  return runs;
}

async function buildVocabulary(db: DB): Promise<Vocabulary> {
  const products = await db
    .selectFrom("products")
    .select(["name_zh", "name_en", "name_pinyin"])
    .where("status", "=", "active")
    .execute();
  const places = await sql<{ name_zh: string; name_en: string }>`
    select name_zh, name_en from categories union all select name_zh, name_en from counties`.execute(
    db,
  );
  // A large catalogue repeats its runs (精选…, 家庭装…): count them first, then cut each
  // distinct run into words once.
  const runs = new Map<string, { syllables: string[]; count: number }>();
  const english = new Map<string, { word: string; weight: number }>();
  const addName = (nameZh: string, nameEn: string, syllables: string[]) => {
    for (const r of hanRuns(nameZh, syllables)) {
      const known = runs.get(r.run);
      if (known) known.count++;
      else runs.set(r.run, { syllables: r.syllables, count: 1 });
    }
    for (const word of nameEn.match(/[A-Za-z]{4,}/g) ?? []) {
      const key = word.toLowerCase();
      const known = english.get(key);
      if (known) known.weight++;
      else english.set(key, { word, weight: 1 });
    }
  };
  for (const p of products) addName(p.name_zh, p.name_en, p.name_pinyin.split(" "));
  for (const p of places.rows) addName(p.name_zh, p.name_en, hanSyllables(p.name_zh));

  const han = new Map<string, HanWord>();
  for (const [run, { syllables, count }] of runs) {
    const chars = [...run];
    for (let len = MIN_WORD; len <= Math.min(MAX_WORD, chars.length); len++) {
      for (let start = 0; start + len <= chars.length; start++) {
        const word = chars.slice(start, start + len).join("");
        const known = han.get(word);
        if (known) {
          known.weight += count;
          continue;
        }
        const s = syllables.slice(start, start + len);
        if (s.some((x) => !x)) continue;
        const initials = s.map((x) => x[0]).join("");
        han.set(word, { word, pinyin: s.join(""), syllables: s, initials, weight: count });
      }
    }
  }
  return { han: [...han.values()], english };
}

// Rebuilt when the catalogue changes (the page cache's own counter), per database. Until the
// new list is ready the old one answers: every suggestion is checked against the store
// before it is offered (findsSomething), so a word list a sale behind does no harm.
const vocabularies = new WeakMap<
  DB,
  { version: number; ready: Vocabulary | null; building: Promise<Vocabulary> | null }
>();

async function vocabularyOf(db: DB): Promise<Vocabulary> {
  const row = await db
    .selectFrom("page_versions")
    .select("version")
    .where("scope", "=", "catalogue")
    .executeTakeFirst();
  const version = row?.version ?? 0;
  const entry = vocabularies.get(db) ?? { version, ready: null, building: null };
  vocabularies.set(db, entry);
  if (entry.ready && entry.version === version) return entry.ready;
  if (!entry.building) {
    entry.version = version;
    entry.building = buildVocabulary(db).then(
      (vocabulary) => {
        entry.ready = vocabulary;
        entry.building = null;
        return vocabulary;
      },
      (error: unknown) => {
        entry.building = null;
        throw error;
      },
    );
    // answered from the old list, no one may be waiting for this one: a failure is retried
    // by the next search rather than left unhandled
    entry.building.catch(() => undefined);
  }
  return entry.ready ?? entry.building;
}

interface Candidate {
  word: string;
  /** lower is closer: 0 sounds the same, 1 one slip in pinyin or spelling, 2 one character */
  distance: number;
  weight: number;
}

/** Words that sound like, or are one slip from, a term written in Chinese. */
function hanCandidates(term: string, vocabulary: Vocabulary): Candidate[] {
  const chars = [...term].filter(isHan);
  if (chars.length < MIN_WORD || chars.length !== [...term].length) return [];
  const syllables = hanSyllables(term);
  const pinyin = syllables.join("");
  const found: Candidate[] = [];
  for (const w of vocabulary.han) {
    if (w.syllables.length !== chars.length || w.word === term) continue;
    const sameSound = w.pinyin === pinyin;
    const differing = [...w.word].filter((c, i) => c !== chars[i]).length;
    if (sameSound) found.push({ word: w.word, distance: 0, weight: w.weight });
    else if (editDistance(w.pinyin, pinyin, 1) <= 1) {
      found.push({ word: w.word, distance: 1, weight: w.weight });
    } else if (chars.length >= 3 && differing === 1) {
      found.push({ word: w.word, distance: 2, weight: w.weight });
    }
  }
  return found;
}

/** Words whose pinyin, initials or English spelling is one slip from a Latin term. */
function latinCandidates(compact: string, vocabulary: Vocabulary): Candidate[] {
  const found: Candidate[] = [];
  if (compact.length >= 4) {
    const max = compact.length >= 8 ? 2 : 1;
    for (const w of vocabulary.han) {
      const d = editDistance(w.pinyin, compact, max);
      if (d <= max && d > 0) found.push({ word: w.word, distance: d, weight: w.weight });
    }
    for (const [key, w] of vocabulary.english) {
      // a longer word may be meant whole: strawbery → strawberries
      const prefix = compact.length >= 6 ? key.slice(0, compact.length + 1) : key;
      const d = Math.min(editDistance(key, compact, max), editDistance(prefix, compact, max));
      if (d <= max && d > 0) found.push({ word: w.word, distance: d, weight: w.weight });
    }
  }
  if (compact.length >= 3 && compact.length <= MAX_WORD) {
    for (const w of vocabulary.han) {
      if (w.initials.length !== compact.length || w.initials === compact) continue;
      if (editDistance(w.initials, compact, 1) === 1) {
        found.push({ word: w.word, distance: 2, weight: w.weight });
      }
    }
  }
  return found;
}

/** The best few, closest first, then the most common; each word once. */
function best(candidates: Candidate[]): string[] {
  const sorted = [...candidates].sort(
    (a, b) => a.distance - b.distance || b.weight - a.weight || a.word.localeCompare(b.word),
  );
  return [...new Set(sorted.map((c) => c.word))].slice(0, MAX_SUGGESTIONS);
}

/** Whether a search for `q` lists any product (a suggestion must). */
async function findsSomething(db: DB, q: string): Promise<boolean> {
  const search = await planSearch(db, q);
  if (!search) return false;
  const row = await db
    .selectFrom("products as p")
    .select("p.id")
    .where("p.status", "=", "active")
    .where(({ ref }) => matchesSearch(ref("p.id"), search))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Searches to offer instead of `q`, each one that finds products: for a query typed in
 * Latin letters, the whole of it read as pinyin; otherwise each term that has close words
 * replaced by them, the other terms kept (草梅 酱 → 草莓 酱), then the close words alone.
 */
export async function searchSuggestions(db: DB, q: string): Promise<string[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  const vocabulary = await vocabularyOf(db);
  const compact = latinQuery(q);
  const offers: string[] = compact ? best(latinCandidates(compact, vocabulary)) : [];
  if (terms.length > 1 || !compact) {
    const words = terms.map((term) => {
      const latin = latinQuery(term);
      return best(latin ? latinCandidates(latin, vocabulary) : hanCandidates(term, vocabulary));
    });
    for (const [i, close] of words.entries()) {
      for (const word of close) offers.push(terms.toSpliced(i, 1, word).join(" "));
    }
    offers.push(...words.flat());
  }
  const found: string[] = [];
  for (const offer of new Set(offers)) {
    if (found.length === MAX_SUGGESTIONS) break;
    if (await findsSomething(db, offer)) found.push(offer);
  }
  return found;
}
