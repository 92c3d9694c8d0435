import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openSqlite, withStatementCache } from "./connection";

describe("withStatementCache", () => {
  it("prepares a SQL text once and hands back the same statement", () => {
    const sqlite = openSqlite(":memory:");
    const db = withStatementCache(sqlite);
    const a = db.prepare("select 1 as n");
    expect(db.prepare("select 1 as n")).toBe(a);
    expect(db.prepare("select 2 as n")).not.toBe(a);
    sqlite.close();
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const sqlite = openSqlite(":memory:");
    const db = withStatementCache(sqlite, 2);
    const one = db.prepare("select 1");
    const two = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(one); // "select 2" is now the oldest
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(one);
    expect(db.prepare("select 2")).not.toBe(two);
    sqlite.close();
  });

  it("gives a statement still iterating a fresh twin instead of itself", () => {
    const sqlite = openSqlite(":memory:");
    const db = withStatementCache(sqlite);
    const text = "select value from json_each('[1,2,3]')";
    const first = db.prepare(text) as unknown as { iterate: () => Iterator<{ value: number }> };
    const rows = first.iterate();
    rows.next();
    const second = db.prepare(text) as unknown as { all: () => Array<{ value: number }> };
    expect(second).not.toBe(first);
    expect(second.all().map((r) => r.value)).toEqual([1, 2, 3]);
    rows.return?.();
    sqlite.close();
  });

  it("serves Kysely queries and transactions as before", async () => {
    const { Kysely, SqliteDialect } = await import("kysely");
    const sqlite = openSqlite(":memory:");
    const db = new Kysely<{ t: { n: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    await sql`create table t (n integer)`.execute(db);
    for (let n = 1; n <= 3; n++) await db.insertInto("t").values({ n }).execute();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("t").values({ n: 4 }).execute();
    });
    const rows = await db.selectFrom("t").select("n").orderBy("n").execute();
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    await db.destroy();
  });
});
