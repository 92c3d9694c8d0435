// Copying a SQLite store into PostgreSQL (npm run db:copy-to-pg, ADR 055): the order it copies
// in (SQLite alone), and a whole store copied and compared (needs PostgreSQL: npm run test:pg,
// or TEST_DATABASE_URL=postgres://… npx vitest run --config vitest.pg.config.ts <this file>).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrateToLatest, type DB } from "#db/connection";
import { createEmptyDatabase, dropTestDatabase, pgAdminUrl } from "#tests/pg";
import { createPaidOrder } from "#tests/factories/orders";
import { aidDashboard } from "~/domain/aid/dashboard.server";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { verifyLedger } from "~/domain/aid/ledger-verify.server";
import { yearPeriod } from "~/domain/aid/periods";
import { createCounterSale } from "#tests/factories/aid-channel";
import { generateVolume } from "../scripts/seed-volume";
import {
  CopyRefused,
  copyToPostgres,
  foreignKeyOrder,
  isSkippedTable,
  sourceTables,
  type CopyReport,
} from "./copy-to-postgres";

const dirs: string[] = [];
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-copy-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the copy's table order", () => {
  it("puts parents before children and refuses a cycle", () => {
    const order = foreignKeyOrder(
      ["order_lines", "orders", "users", "products", "notes"],
      [
        { table: "order_lines", references: "orders" },
        { table: "order_lines", references: "products" },
        { table: "orders", references: "users" },
        { table: "notes", references: "notes" }, // a table naming itself
      ],
    );
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("orders"));
    expect(order.indexOf("orders")).toBeLessThan(order.indexOf("order_lines"));
    expect(order.indexOf("products")).toBeLessThan(order.indexOf("order_lines"));
    expect(order.sort()).toEqual(["notes", "order_lines", "orders", "products", "users"]);
    expect(() =>
      foreignKeyOrder(
        ["a", "b"],
        [
          { table: "a", references: "b" },
          { table: "b", references: "a" },
        ],
      ),
    ).toThrow(/cycle/);
  });

  it("copies every table of the schema but the ones PostgreSQL derives, parents first", async () => {
    const file = path.join(scratch(), "schema.sqlite");
    const db = createDatabase(file);
    await migrateToLatest(db);
    await db.destroy();
    const sqlite = new SQLite(file, { readonly: true });
    try {
      const all = (
        sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{
          name: string;
        }>
      ).map((r) => r.name);
      const tables = sourceTables(sqlite);
      const copied = tables.map((t) => t.name);
      // a new table is copied without anyone listing it; only these are left out
      expect(all.filter((t) => !copied.includes(t)).sort()).toEqual(
        all.filter(isSkippedTable).sort(),
      );
      expect(all.filter(isSkippedTable)).toEqual(
        expect.arrayContaining(["product_search", "kysely_migration", "kysely_migration_lock"]),
      );
      expect(copied).toEqual(expect.arrayContaining(["aid_ledger", "orders", "page_versions"]));
      for (const [i, t] of tables.entries()) {
        const parents = sqlite
          .prepare(`select "table" from pragma_foreign_key_list(?)`)
          .all(t.name) as Array<{ table: string }>;
        for (const p of parents) {
          if (p.table !== t.name)
            expect(copied.indexOf(p.table), `${t.name} → ${p.table}`).toBeLessThan(i);
        }
      }
      // the triggers' counters end as the source has them: copied after everything else
      expect(copied.at(-1)).toBe("page_versions");
      expect(tables.find((t) => t.name === "aid_ledger")?.key).toEqual(["id"]);
    } finally {
      sqlite.close();
    }
  });
});

const adminUrl = pgAdminUrl();
const NOW = new Date("2026-03-01T04:00:00Z");

describe.runIf(adminUrl)("a SQLite store copied into PostgreSQL", () => {
  let file: string;
  let url: string;
  let report: CopyReport;
  let source: DB;
  let target: DB;

  beforeAll(async () => {
    file = path.join(scratch(), "store.sqlite");
    // the demo catalogue (seedDemo) and a year of orders, then walk-in sales at the counters
    await generateVolume({
      orders: 500,
      out: file,
      seed: "copy",
      year: 2025,
      force: false,
      now: NOW,
      log: () => {},
    });
    const store = createDatabase(file);
    const counters = await store
      .selectFrom("counter_stock")
      .select(["counter_id", "product_id"])
      .execute();
    expect(counters.length).toBeGreaterThan(0);
    for (const [i, c] of counters.slice(0, 6).entries()) {
      await createCounterSale(
        store,
        c.counter_id,
        [{ productId: c.product_id, quantity: 1 + (i % 2) }],
        {
          now: new Date(NOW.getTime() - (i + 1) * 3_600_000),
          phone: i % 2 ? "" : undefined,
        },
      );
    }
    await store.destroy();
    url = await createEmptyDatabase(adminUrl!, "move");
    report = await copyToPostgres(file, url);
    source = createDatabase(file);
    target = createDatabase(url, { poolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    await source?.destroy();
    await target?.destroy();
    if (url) await dropTestDatabase(adminUrl!, url);
  });

  const countsOf = async (db: DB) => {
    const out: Record<string, number> = {};
    for (const t of report.tables) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.table)}`.execute(
        db,
      );
      out[t.table] = Number(r.rows[0]!.n);
    }
    return out;
  };

  it("copies every row and says its own comparisons passed", async () => {
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    const [a, b] = [await countsOf(source), await countsOf(target)];
    expect(b).toEqual(a);
    expect(a.orders).toBeGreaterThan(500);
    expect(a.aid_ledger).toBeGreaterThan(500);
    expect(report.rows).toBe(Object.values(a).reduce((s, n) => s + n, 0));
    // the search table filled itself from the products' triggers
    const searchable = await sql<{ n: number }>`select count(*) as n from product_search`.execute(
      target,
    );
    expect(Number(searchable.rows[0]!.n)).toBe(a.products);
    // and the page-cache counters end as the source has them
    const versions = (db: DB) =>
      db.selectFrom("page_versions").selectAll().orderBy("scope").execute();
    expect(await versions(target)).toEqual(await versions(source));
  });

  it("keeps the ledger whole on both: ledger:check and the hash chain", async () => {
    for (const db of [source, target]) {
      const check = await checkLedger(db);
      expect(check.broken).toEqual([]);
      expect(check.ok).toBe(true);
      const chain = await verifyLedger(db);
      expect(chain.ok).toBe(true);
    }
    expect((await checkLedger(target)).ledgerTotalFen).toBe(
      (await checkLedger(source)).ledgerTotalFen,
    );
  });

  it("gives the aid dashboard the same figures to the fen: the year, per county, per channel", async () => {
    const byValue = <T extends { value: string }>(rows: T[]) =>
      [...rows].sort((p, q) => p.value.localeCompare(q.value));
    for (const year of [2025, 2026]) {
      const [a, b] = [
        await aidDashboard(source, yearPeriod(year)),
        await aidDashboard(target, yearPeriod(year)),
      ];
      expect(b.totals, `${year}`).toEqual(a.totals);
      expect(byValue(b.breakdowns.county)).toEqual(byValue(a.breakdowns.county));
      expect(byValue(b.breakdowns.channel)).toEqual(byValue(a.breakdowns.channel));
      expect(b.trend).toEqual(a.trend);
    }
    const volume = await aidDashboard(target, yearPeriod(2025));
    expect(volume.totals.aidFen).toBeGreaterThan(0);
    expect(volume.breakdowns.county.length).toBeGreaterThan(1);
    const tills = await aidDashboard(target, yearPeriod(2026));
    expect(tills.breakdowns.channel.some((c) => c.value.startsWith("counter:"))).toBe(true);
  });

  it("continues the ids after the copied ones: a new order on PostgreSQL", async () => {
    const before = await target
      .selectFrom("orders")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    const product = await target
      .selectFrom("products")
      .select("id")
      .where("status", "=", "active")
      .where("stock", ">", 5)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const order = await createPaidOrder(target, [{ productId: product.id, quantity: 1 }], {
      now: NOW,
    });
    expect(order.id).toBeGreaterThan(Number(before.id));
    // its ledger entries continue the copied hash chain
    const chain = await verifyLedger(target);
    expect(chain.ok).toBe(true);
    expect((await checkLedger(target)).ok).toBe(true);
  });

  it("refuses a second copy into the database, which it leaves as it was", async () => {
    const before = await countsOf(target);
    await expect(copyToPostgres(file, url)).rejects.toThrow(CopyRefused);
    await expect(copyToPostgres(file, url)).rejects.toThrow(/not empty/);
    expect(await countsOf(target)).toEqual(before);
  });

  it("refuses someone else's database before migrating it", async () => {
    const other = await createEmptyDatabase(adminUrl!, "move");
    const db = createDatabase(other, { poolSize: 1 });
    try {
      await sql`create table notes (body text)`.execute(db);
      await sql`insert into notes values ('keep me')`.execute(db);
      await expect(copyToPostgres(file, other)).rejects.toThrow(/not empty \(rows in notes\)/);
      const tables = await sql<{ name: string }>`select tablename as name from pg_tables
        where schemaname = current_schema()`.execute(db);
      expect(tables.rows.map((r) => r.name)).toEqual(["notes"]);
    } finally {
      await db.destroy();
      await dropTestDatabase(adminUrl!, other);
    }
  });
});
