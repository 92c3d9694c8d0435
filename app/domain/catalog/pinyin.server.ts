// Pinyin for search: shoppers type `maoniu` or `mn` on a phone keyboard for 牦牛. Computed
// when a product is saved (never in the browser: pinyin-pro's dictionary is large), stored
// beside the name and indexed with it (see search.server.ts).
import { pinyin } from "pinyin-pro";

const HAN = /\p{Script=Han}/u;

/** Whether a character is a Chinese character (the ones that have a pinyin reading). */
export function isHan(char: string): boolean {
  return HAN.test(char);
}

/**
 * One toneless syllable per Chinese character of `text`, in order, other characters left
 * out: 精选牦牛肉（礼盒） → jing xuan mao niu rou li he. ü is written v, as it is typed.
 */
export function hanSyllables(text: string): string[] {
  const han = [...text.normalize("NFKC")].filter(isHan).join("");
  if (!han) return [];
  return pinyin(han, { toneType: "none", type: "array", v: true, nonZh: "removed" }).map((s) =>
    s.toLowerCase(),
  );
}

/** What a product stores for search, written with its name (products.name_pinyin, name_initials). */
export interface NameSearchKeys {
  /** the syllables, space-separated, one per Chinese character: "mao niu rou" */
  name_pinyin: string;
  /** their first letters: "mnr" */
  name_initials: string;
}

export function nameSearchKeys(nameZh: string): NameSearchKeys {
  const syllables = hanSyllables(nameZh);
  return {
    name_pinyin: syllables.join(" "),
    name_initials: syllables.map((s) => s[0]).join(""),
  };
}

/**
 * A query as pinyin is compared: lower case letters only ("Mao Niu" → "maoniu"), or null
 * when the query is not written in Latin letters (then it is not a pinyin query).
 */
export function latinQuery(q: string): string | null {
  const compact = q
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s'’·-]+/g, "")
    .replace(/ü/g, "v");
  return /^[a-z]+$/.test(compact) ? compact : null;
}
