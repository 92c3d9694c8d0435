// 20261204T0400_aid_channel (ADR 051) on a store that sold before the counters: its
// entries, all online, appear under "online" in the month and day totals the sales-channel
// breakdown reads, and the drill-down's index is there.
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { migrateOnly, openTempStore } from "#tests/migration-db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { breakdown } from "~/domain/aid/dashboard/breakdowns.server";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { customPeriod, monthPeriod } from "~/domain/aid/periods";
import { migrations } from "./index";

const CHANNEL = "20261204T0400_aid_channel";
let db: DB;
let close: () => Promise<void>;
beforeEach(() => {
  ({ db, close } = openTempStore("shanhai-channel-"));
});
afterEach(() => close());

const migrateTo = (names: string[]) => migrateOnly(db, names);

const channelRows = (table: "aid_month_totals" | "aid_day_totals") =>
  db
    .selectFrom(table)
    .selectAll()
    .where("dimension", "=", "channel")
    .orderBy(table === "aid_month_totals" ? "month" : "day")
    .orderBy("eligible")
    .execute();

it("back-fills an existing store's entries under online, month by month and day by day", async () => {
  const all = Object.keys(migrations).sort();
  await migrateTo(all.filter((n) => n < CHANNEL));
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    certifications: [], // sold, never counted: its own row, eligible 0
  });
  await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
    now: new Date("2026-10-30T02:00:00Z"),
  });
  await createPaidOrder(
    db,
    [
      { productId: yak, quantity: 1 },
      { productId: craft, quantity: 1 },
    ],
    { now: new Date("2026-11-03T02:00:00Z") },
  );
  // the code of today writes the dimension with each sale; a store of yesterday had none
  const written = {
    month: await channelRows("aid_month_totals"),
    day: await channelRows("aid_day_totals"),
  };
  expect(written.month.map((r) => [r.month, r.value, r.eligible, r.amount_fen])).toEqual([
    ["2026-10", "online", 1, 25600],
    ["2026-11", "online", 0, 6800],
    ["2026-11", "online", 1, 12800],
  ]);
  await sql`delete from aid_month_totals where dimension = 'channel'`.execute(db);
  await sql`delete from aid_day_totals where dimension = 'channel'`.execute(db);
  expect(await breakdown(db, monthPeriod("2026-11"), "channel")).toEqual([]);

  await migrateTo(all);
  expect(await channelRows("aid_month_totals")).toEqual(written.month);
  expect(await channelRows("aid_day_totals")).toEqual(written.day);
  const november = await breakdown(db, monthPeriod("2026-11"), "channel");
  expect(november).toMatchObject([{ value: "online", aidFen: 12800, otherFen: 6800 }]);
  const loose = await breakdown(db, customPeriod("2026-10-30", "2026-11-03"), "channel");
  expect(loose).toMatchObject([{ value: "online", aidFen: 25600 + 12800, otherFen: 6800 }]);
  expect(await checkLedger(db)).toMatchObject({ ok: true, channelDrift: [] });
  const index = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and name = 'aid_ledger_channel_day'`.execute(
    db,
  );
  expect(index.rows).toHaveLength(1);
});
