// The page cache's freshness check reads the shared database on every request, never a copy
// in memory: a write through another connection (another app server) shows at once.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, databaseTarget, type DB } from "#db/connection";
import { getDb } from "./db.server";
import { pageVersions, readPageVersions } from "./page-cache.server";

let otherServer: DB;
beforeAll(async () => {
  await getDb();
  otherServer = createDatabase(databaseTarget());
});
afterAll(() => otherServer.destroy());

const bump = (scope: string) =>
  sql`update page_versions set version = version + 1 where scope = ${scope}`.execute(otherServer);

describe("page versions", () => {
  it("see another server's write on the next request", async () => {
    const before = await pageVersions();
    expect(Object.keys(before).sort()).toEqual(["aid", "catalogue"]);
    await bump("catalogue");
    const after = await pageVersions();
    expect(after.catalogue).toBe(before.catalogue! + 1);
    expect(after.aid).toBe(before.aid);
  });

  it("read the same through Kysely (the PostgreSQL path) as through the SQLite statement", async () => {
    await bump("aid");
    expect(await readPageVersions(otherServer)).toEqual(await pageVersions());
  });
});
