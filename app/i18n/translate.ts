// The store's own t(): a key looked up in a flat map per language, then its {{placeholders}}
// filled in, as i18next does with our options (default namespace, "." between key parts,
// no escaping, zh-CN as the fallback language, plural suffixes from Intl.PluralRules). The
// browser ships this instead of i18next; the server hands it to react-i18next, because
// i18next resolves every key through its language hierarchy on each call. i18n tests check
// that both give the same string for every key in both catalogues.
import { DEFAULT_LOCALE, type Locale } from "./config";

export type Flat = Map<string, string>;

/** Leaf strings of a nested catalogue, under their dotted keys, added to `into`. */
export function flatten(obj: object, prefix = "", into: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === "string") into.set(prefix + k, v);
    else if (v && typeof v === "object") flatten(v, `${prefix}${k}.`, into);
  }
  return into;
}

export type Options = Record<string, unknown>;
/** i18next's t() as our call sites use it: a key and optional interpolation values. */
export type Translate = (key: string, options?: Options) => string;

const PLACEHOLDER = /{{(-?)([^{}]+?)}}/g;

function valueAt(options: Options, path: string): unknown {
  if (path in options) return options[path];
  let value: unknown = options;
  for (const part of path.split(".")) {
    if (value == null || typeof value !== "object") return undefined;
    value = (value as Options)[part];
  }
  return value;
}

/** Fills {{name}} (and {{- name}}) from `options`; an unknown name stays as written. */
export function interpolate(message: string, options: Options): string {
  if (!message.includes("{{")) return message;
  return message.replace(PLACEHOLDER, (whole, _dash: string, name: string) => {
    const path = name.trim();
    const value = valueAt(options, path);
    if (value === undefined)
      return Object.prototype.hasOwnProperty.call(options, path) ? "" : whole;
    return value == null ? "" : String(value);
  });
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/**
 * The message for a key in one language: with a numeric `count`, `key_zero` (for 0) then
 * `key_<plural category>` are tried before the key itself, as i18next does.
 */
function lookup(flat: Flat, locale: Locale, key: string, count: unknown): string | undefined {
  if (typeof count === "number") {
    const found =
      (count === 0 ? flat.get(`${key}_zero`) : undefined) ??
      flat.get(`${key}_${pluralCategory(locale, count)}`);
    if (found !== undefined) return found;
  }
  return flat.get(key);
}

/**
 * A t() for `locale` that reads the maps as they are when it is called (the browser adds
 * catalogue parts as pages need them), falling back to zh-CN, and returning the key
 * itself when no language has it.
 */
export function createTranslate(catalogues: Record<Locale, Flat>, locale: Locale): Translate {
  return (key, options) => {
    const count = options?.count;
    let message = lookup(catalogues[locale], locale, key, count);
    if (message === undefined && locale !== DEFAULT_LOCALE) {
      message = lookup(catalogues[DEFAULT_LOCALE], DEFAULT_LOCALE, key, count);
    }
    if (message === undefined) return key;
    return options ? interpolate(message, options) : message;
  };
}
