// What every security test file shares: the one store started by global-setup.ts, an HTTP
// client with a cookie jar that notes every answer, the tally of attempts per kind, and
// snapshots of the stored data to compare before and after an attack.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { inject } from "vitest";
import type { Database as Schema } from "#db/schema";
import { demoAccounts } from "#db/seed-data/accounts";
import { checkLedger, formatLedgerCheck } from "~/domain/aid/ledger-check.server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dbFile: string;
    /** where each file leaves its tally for the closing summary */
    tallyDir: string;
  }
}

export const baseUrl = () => inject("baseUrl");
export const dbFile = () => inject("dbFile");

// ---------------------------------------------------------------------------------------
// Attempts per kind, and what went wrong, collected rather than thrown one at a time so a
// run shows every problem at once.

const tally = new Map<string, number>();
export const problems: string[] = [];

export function count(kind: string, n = 1): void {
  tally.set(kind, (tally.get(kind) ?? 0) + n);
}

export function problem(text: string): void {
  problems.push(text);
}

/** Writes this file's tally for global-setup.ts to add up and print. */
export function saveTally(file: string): void {
  const dir = inject("tallyDir");
  fs.writeFileSync(
    path.join(dir, `${path.basename(file)}.tally.json`),
    JSON.stringify(Object.fromEntries(tally)),
  );
}

// ---------------------------------------------------------------------------------------
// HTTP

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  location: string | null;
}

export interface SendOptions {
  method?: string;
  /** urlencoded form fields (a repeated field as an array) */
  form?: Record<string, string | string[]>;
  body?: string | Buffer | FormData;
  headers?: Record<string, string | undefined>;
  /** false: Origin is left out (the default is the store's own origin on non-GET) */
  origin?: string | false;
  /** keep Set-Cookie answers in the jar (default true) */
  remember?: boolean;
}

let clientCounter = 0;

/**
 * A visitor: a cookie jar and an address of its own (X-Forwarded-For; the store runs with
 * TRUST_PROXY=1 as behind a proxy), so per-address login limits of one test never lock out
 * another. Every answer is checked for a 5xx.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly ip: string;

  /** `base`: another store than the suite's (the webhook tests run one with Stripe). */
  constructor(
    readonly name: string,
    readonly base?: string,
  ) {
    clientCounter += 1;
    const n = (process.pid * 7 + clientCounter) % 65_000;
    this.ip = `10.${(n >> 8) & 255}.${n & 255}.${(clientCounter % 250) + 1}`;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(pathOrUrl: string, options: SendOptions = {}): Promise<Answer> {
    const method = options.method ?? (options.form || options.body ? "POST" : "GET");
    const root = this.base ?? baseUrl();
    const url = new URL(pathOrUrl, root).href;
    const headers: Record<string, string> = {
      "X-Forwarded-For": this.ip,
      "User-Agent": `shanhai-security-suite (${this.name})`,
    };
    if (this.cookies.size) headers.Cookie = this.cookieHeader();
    if (method !== "GET" && method !== "HEAD" && options.origin !== false) {
      headers.Origin = options.origin ?? root;
    }
    let body: string | Buffer | FormData | undefined = options.body;
    if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) {
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      }
      body = params.toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    for (const [k, v] of Object.entries(options.headers ?? {})) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    const response = await fetch(url, {
      method,
      headers,
      body: body as BodyInit | undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (options.remember !== false) this.remember(response.headers);
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      bytes,
      text: bytes.toString("utf8"),
      location: response.headers.get("Location"),
    };
    if (answer.status >= 500) {
      problem(`${this.name}: ${method} ${pathOrUrl} answered ${answer.status}`);
    }
    return answer;
  }

  /** GET, following same-site redirects (a few), as a browser would. */
  async page(path: string): Promise<Answer & { url: string }> {
    let current = path;
    for (let hop = 0; hop < 5; hop++) {
      const answer = await this.send(current);
      if (answer.status < 300 || answer.status >= 400 || !answer.location) {
        return { ...answer, url: current };
      }
      const root = this.base ?? baseUrl();
      const next = new URL(answer.location, new URL(current, root));
      if (next.origin !== new URL(root).origin) return { ...answer, url: current };
      current = next.pathname + next.search;
    }
    throw new Error(`${this.name}: too many redirects from ${path}`);
  }
}

export const ACCOUNTS = {
  admin: demoAccounts.find((a) => a.role === "admin")!,
  aid: demoAccounts.find((a) => a.role === "aid_officer")!,
  yak: demoAccounts.find((a) => a.login.startsWith("yak"))!,
  milk: demoAccounts.find((a) => a.login.startsWith("milk"))!,
  shopper: demoAccounts.find((a) => a.role === "shopper")!,
};
export type AccountName = keyof typeof ACCOUNTS;

/** Signs a demo account in through the login form; fails the test if that does not work. */
export async function signIn(name: AccountName): Promise<Client> {
  const account = ACCOUNTS[name];
  const client = new Client(name);
  const answer = await client.send("/login", {
    form: { login: account.login, password: account.password },
  });
  if (answer.status !== 302 || !client.cookies.has("shanhai_session")) {
    throw new Error(`signing in ${account.login} answered ${answer.status}: ${answer.text}`);
  }
  return client;
}

// ---------------------------------------------------------------------------------------
// Stored data

export function readDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function writeDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile(), { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Tables that record attempts, visits and carts: they change on refusals by design. */
const VOLATILE = new Set([
  "sessions",
  "login_attempts",
  "verifications",
  "outbox",
  "password_resets",
  "carts",
  "cart_items",
]);

/** A hash of every row of every table that a refused request must leave alone. */
function snapshot(): Record<string, string> {
  return readDb((db) => {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    const out: Record<string, string> = {};
    for (const table of tables.sort()) {
      if (VOLATILE.has(table) || table.startsWith("kysely_")) continue;
      // some tables have no rowid: order the rows by their own text
      const rows = (db.prepare(`select * from "${table}"`).raw(true).all() as unknown[][])
        .map((row) => JSON.stringify(row))
        .sort();
      out[table] = crypto.createHash("sha1").update(rows.join("\n")).digest("hex");
    }
    out.schema = crypto
      .createHash("sha1")
      .update(JSON.stringify(db.prepare("select type, name, sql from sqlite_master").all()))
      .digest("hex");
    return out;
  });
}

/**
 * Which tables (other than the volatile ones) changed since the last call. SQLite's
 * data_version on a connection held open says cheaply whether anyone wrote at all; only
 * then are the tables hashed again.
 */
export function watchChanges() {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  const version = () => db.pragma("data_version", { simple: true }) as number;
  let seen = version();
  let baseline = snapshot();
  return {
    changedSince(): string[] {
      const now = version();
      if (now === seen) return [];
      seen = now;
      const next = snapshot();
      const changed = changedTables(baseline, next);
      baseline = next;
      return changed;
    },
    close: () => db.close(),
  };
}

/** Names of the tables whose rows differ between two snapshots. */
function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

// eslint-disable-next-line no-control-regex -- finding them is the point
const STORED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Every stored text value matching `pattern`, as "table.column: value". */
export function storedTexts(pattern: RegExp): string[] {
  return readDb((db) => {
    const found: string[] = [];
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const columns = db
        .prepare(`select name from pragma_table_info(?)`)
        .pluck()
        .all(table) as string[];
      for (const name of columns) {
        const rows = db
          .prepare(`select "${name}" from "${table}" where typeof("${name}") = 'text'`)
          .pluck()
          .all() as string[];
        for (const value of rows) {
          if (pattern.test(value))
            found.push(`${table}.${name}: ${JSON.stringify(value.slice(0, 120))}`);
        }
      }
    }
    return found;
  });
}

/**
 * Every stored text value holding a control character (other than tab and line breaks,
 * which text areas keep).
 */
export const storedControlCharacters = () => storedTexts(STORED_CONTROL);

/** The store's own checks on its data: SQLite's integrity and the aid ledger's balance. */
export async function integrityProblems(): Promise<string[]> {
  const found = readDb((db) => {
    const out: string[] = [];
    const check = db.prepare("pragma integrity_check").pluck().all() as string[];
    if (check.join() !== "ok") out.push(`integrity_check: ${check.join("; ")}`);
    const keys = db.prepare("pragma foreign_key_check").all();
    if (keys.length) out.push(`foreign_key_check: ${JSON.stringify(keys).slice(0, 300)}`);
    return out;
  });
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({
      database: new Database(dbFile(), { readonly: true, fileMustExist: true }),
    }),
  });
  try {
    const ledger = await checkLedger(db);
    if (!ledger.ok) found.push(`aid ledger: ${formatLedgerCheck(ledger)}`);
  } finally {
    await db.destroy();
  }
  return found;
}
