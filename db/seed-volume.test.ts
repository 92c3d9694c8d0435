// The volume generator (scripts/seed-volume.ts) on a small year: what it writes must be what
// the store itself would have written, so that figures measured on it mean something.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "#db/connection";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { verifyLedger } from "~/domain/aid/ledger-verify.server";
import { recordRefund, recordSale } from "~/domain/aid/ledger.server";
import { shanghaiDate } from "~/utils/time";
import {
  DERIVED_TABLES,
  generateVolume,
  parseArgs,
  UsageError,
  type VolumeSummary,
} from "../scripts/seed-volume";

const NOW = new Date("2026-03-01T04:00:00Z");
const ORDERS = 3000;
let dir: string;
let file: string;
let summary: VolumeSummary;
let db: DB;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-volume-"));
  file = path.join(dir, "volume.sqlite");
  summary = await generateVolume({
    orders: ORDERS,
    out: file,
    seed: "test",
    year: 2025,
    force: false,
    now: NOW,
    log: () => {},
  });
  db = createDatabase(file);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const one = async <T>(query: string): Promise<T> => (await sql.raw<T>(query).execute(db)).rows[0]!;
const all = async <T>(query: string, on: DB = db): Promise<T[]> =>
  (await sql.raw<T>(query).execute(on)).rows;

const PAID = `('paid', 'partially_fulfilled', 'fulfilled', 'completed', 'refunded', 'partially_refunded')`;

describe("seed:volume", () => {
  it("writes the orders asked for, with lines, payments and accounts", async () => {
    expect(summary.orders).toBe(ORDERS);
    type Counts = Record<
      "orders" | "paid" | "lines" | "payments" | "paid_without_time" | "bad_totals",
      number
    > &
      Record<"dangling_users" | "numbers", number>;
    const counts = await one<Counts>(`select
      (select count(*) from orders) as orders,
      (select count(*) from orders where status in ${PAID}) as paid,
      (select count(*) from order_lines) as lines,
      (select count(*) from payments where status = 'succeeded') as payments,
      (select count(*) from orders where status in ${PAID} and paid_at is null) as paid_without_time,
      (select count(*) from orders o where total_fen != subtotal_fen + shipping_fen
         or subtotal_fen != (select sum(line_total_fen) from order_lines l where l.order_id = o.id)) as bad_totals,
      (select count(*) from orders where user_id is not null
         and user_id not in (select id from users)) as dangling_users,
      (select count(distinct number) from orders) as numbers`);
    expect(counts.orders).toBe(ORDERS);
    expect(counts.numbers).toBe(ORDERS);
    expect(counts.paid).toBe(summary.paidOrders);
    expect(counts.paid / ORDERS).toBeGreaterThan(0.93);
    expect(counts.lines / ORDERS).toBeGreaterThan(1.3);
    expect(counts.lines / ORDERS).toBeLessThan(4);
    expect(counts.payments).toBe(counts.paid);
    expect(counts.paid_without_time).toBe(0);
    expect(counts.bad_totals).toBe(0);
    expect(counts.dangling_users).toBe(0);
    // every row is dated inside the year (sales) or shortly after it (late refunds)
    const range = await one<{ first: string; last: string }>(
      `select min(created_at) as first, max(created_at) as last from orders`,
    );
    expect(shanghaiDate(new Date(range.first)) >= "2025-01-01").toBe(true);
    expect(shanghaiDate(new Date(range.last)) <= "2025-12-31").toBe(true);
  });

  it("gives every paid line its sale entry and no unpaid line one", async () => {
    const missing = await one<{ n: number }>(`select count(*) as n from order_lines l
      join orders o on o.id = l.order_id
      where o.status in ${PAID} and l.line_total_fen != coalesce((select sum(a.amount_fen)
        from aid_ledger a where a.order_line_id = l.id and a.entry_type = 'sale'), -1)`);
    expect(missing.n).toBe(0);
    const unpaid = await one<{ n: number }>(`select count(*) as n from aid_ledger a
      join orders o on o.id = a.order_id where o.status not in ${PAID}`);
    expect(unpaid.n).toBe(0);
    // dated when paid, in the Shanghai calendar
    const sample = await all<{ paid_at: string; occurred_at: string; day: string; month: string }>(
      `select o.paid_at, a.occurred_at, a.day, a.month from aid_ledger a
       join orders o on o.id = a.order_id where a.entry_type = 'sale' order by a.id limit 500`,
    );
    for (const s of sample) {
      expect(s.occurred_at).toBe(s.paid_at);
      expect(s.day).toBe(shanghaiDate(new Date(s.occurred_at)));
      expect(s.month).toBe(s.day.slice(0, 7));
    }
  });

  it("reverses succeeded refunds, some of them partial, and nothing for failed ones", async () => {
    type Refunds = Record<
      "succeeded" | "failed" | "full" | "partial" | "unbalanced" | "misdated",
      number
    > &
      Record<"from_failed" | "before_payment", number>;
    const r = await one<Refunds>(`select
      (select count(*) from refunds where status = 'succeeded') as succeeded,
      (select count(*) from refunds where status = 'failed') as failed,
      (select count(*) from orders where status = 'refunded') as full,
      (select count(*) from orders where status = 'partially_refunded') as partial,
      (select count(*) from refunds r where status = 'succeeded' and
         (select -sum(amount_fen) from aid_ledger a where a.refund_id = r.id)
         != (select sum(amount_fen) from refund_lines rl where rl.refund_id = r.id)) as unbalanced,
      (select count(*) from refunds r where status = 'succeeded' and
         (select min(a.occurred_at) from aid_ledger a where a.refund_id = r.id) != r.confirmed_at) as misdated,
      (select count(*) from aid_ledger a join refunds r on r.id = a.refund_id
         where r.status != 'succeeded') as from_failed,
      (select count(*) from refunds r join orders o on o.id = r.order_id
         where r.confirmed_at <= o.paid_at) as before_payment`);
    expect(r.succeeded / summary.paidOrders).toBeGreaterThan(0.015);
    expect(r.succeeded / summary.paidOrders).toBeLessThan(0.06);
    expect(r.succeeded).toBe(summary.refunds);
    expect(r.full).toBeGreaterThan(0);
    expect(r.partial).toBeGreaterThan(0);
    expect(r.full + r.partial).toBe(r.succeeded);
    expect(r.unbalanced).toBe(0);
    expect(r.misdated).toBe(0);
    expect(r.from_failed).toBe(0);
    expect(r.before_payment).toBe(0);
  });

  it("keeps the ledger invariant: ledger total = paid lines − succeeded refund lines", async () => {
    const t = await one<{ ledger: number; paid: number; refunded: number }>(`select
      (select sum(amount_fen) from aid_ledger) as ledger,
      (select sum(l.line_total_fen) from order_lines l join orders o on o.id = l.order_id
         where o.status in ${PAID}) as paid,
      (select sum(rl.amount_fen) from refund_lines rl join refunds r on r.id = rl.refund_id
         where r.status = 'succeeded') as refunded`);
    expect(t.ledger).toBe(t.paid - t.refunded);
    expect(t.refunded).toBeGreaterThan(0);
    // and per order, by the store's own check (npm run ledger:check)
    const check = await checkLedger(db);
    expect(check.broken).toEqual([]);
    expect(check).toMatchObject({ ok: true, ledgerTotalFen: t.ledger, rollupTotalFen: t.ledger });
    expect(check.ordersChecked).toBe(summary.paidOrders);
  });

  it("writes an unbroken hash chain that ledger:verify accepts", async () => {
    const result = await verifyLedger(db);
    expect(result.brokenEntries).toBe(0);
    expect(result.firstBroken).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.entries).toBe(summary.ledgerEntries);
  });

  it("derives every rollup so that its sums equal the ledger's", async () => {
    const ledger = await one<{ amount: number; quantity: number; entries: number }>(
      `select sum(amount_fen) as amount, sum(quantity) as quantity, count(*) as entries from aid_ledger`,
    );
    for (const table of ["aid_rollup_daily", "aid_rollup_monthly"]) {
      const rollup = await one<typeof ledger>(
        `select sum(amount_fen) as amount, sum(quantity) as quantity, sum(entries) as entries from ${table}`,
      );
      expect(rollup, table).toEqual(ledger);
    }
    const orders = await one<{ n: number; counted: number }>(`select
      (select count(distinct order_id) from aid_ledger where entry_type = 'sale' and eligible = 1) as n,
      (select sum(orders) from aid_orders_daily where eligible = 1) as counted`);
    expect(orders.counted).toBe(orders.n);
    const buyers = await one<{ n: number; counted: number }>(`select
      (select count(distinct buyer_key) from aid_ledger where entry_type = 'sale'
         and eligible = 1 and day like '2025-%') as n,
      (select buyers from aid_buyer_counts where period = '2025') as counted`);
    expect(buyers.counted).toBe(buyers.n);
  });

  // replays a year through the store's code: seconds alone, far more beside other busy files
  it(
    "writes what recordSale, recordRefund and appendLedger write, table for table",
    {
      timeout: 180_000,
    },
    async () => {
      // Replay the year through the store's own code on a copy, then compare.
      const copyFile = path.join(dir, "replay.sqlite");
      fs.copyFileSync(file, copyFile);
      const replay = createDatabase(copyFile);
      try {
        await sql`drop trigger aid_ledger_no_delete`.execute(replay);
        await sql`delete from aid_ledger`.execute(replay);
        for (const table of Object.keys(DERIVED_TABLES)) {
          await sql.raw(`delete from ${table}`).execute(replay);
        }
        const events = await all<{ kind: "sale" | "refund"; id: number; at: string }>(
          `select 'sale' as kind, id, paid_at as at from orders where status in ${PAID}
         union all
         select 'refund', id, confirmed_at from refunds where status = 'succeeded'
         order by at, kind desc, id`,
          replay,
        );
        await replay.transaction().execute(async (trx) => {
          for (const e of events) {
            if (e.kind === "sale") await recordSale(trx, e.id, new Date(e.at));
            else await recordRefund(trx, e.id, new Date(e.at));
          }
        });
        const columns = `entry_type, order_id, order_line_id, refund_id, amount_fen, quantity,
        county_code, paired_district_zh, cooperative_id, product_id, category_group, bucket,
        buyer_type, funding_source, buyer_key, eligible, occurred_at, day, month`;
        const ledgerOf = (on: DB) =>
          all(
            `select ${columns} from aid_ledger order by order_line_id, product_id, entry_type, refund_id`,
            on,
          );
        expect(await ledgerOf(db)).toEqual(await ledgerOf(replay));
        for (const table of Object.keys(DERIVED_TABLES)) {
          const rowsOf = async (on: DB) =>
            (await all(`select * from ${table}`, on)).map((r) => JSON.stringify(r)).sort();
          const expected = await rowsOf(replay);
          expect(expected.length, table).toBeGreaterThan(0);
          expect(await rowsOf(db), table).toEqual(expected);
        }
      } finally {
        await replay.destroy();
      }
    },
  );

  it("knows every table appendLedger keeps", async () => {
    const tables = await all<{ name: string }>(
      `select name from sqlite_master where type = 'table' and name like 'aid\\_%' escape '\\'`,
    );
    const kept = tables
      .map((t) => t.name)
      // digests are sealed when a month is reported, not kept by appendLedger
      .filter((t) => !["aid_ledger", "aid_targets", "aid_month_digests"].includes(t));
    expect(kept.sort()).toEqual(Object.keys(DERIVED_TABLES).sort());
  });

  it("has seasons: Double 11, Spring Festival gifts, strawberries only from winter to spring", async () => {
    const byMonth = new Map(
      (
        await all<{ month: string; n: number }>(
          `select substr(datetime(created_at, '+8 hours'), 1, 7) as month, count(*) as n
           from orders group by 1`,
        )
      ).map((r) => [r.month, r.n]),
    );
    expect(byMonth.get("2025-11")!).toBeGreaterThan(byMonth.get("2025-08")! * 1.3);
    expect(byMonth.get("2025-06")!).toBeGreaterThan(byMonth.get("2025-07")!);
    const double11 = await one<{ peak: string }>(
      `select substr(datetime(created_at, '+8 hours'), 1, 10) as peak from orders
       group by 1 order by count(*) desc limit 1`,
    );
    expect(double11.peak).toBe("2025-11-11");
    const strawberries = await all<{ month: string }>(
      `select distinct substr(a.month, 6, 2) as month from aid_ledger a
       join products p on p.id = a.product_id
       where p.slug = 'plateau-strawberries' and a.entry_type = 'sale'`,
    );
    for (const { month } of strawberries)
      expect(["12", "01", "02", "03", "04", "05"]).toContain(month);
    // union gift boxes gather before Mid-Autumn (6 October 2025) and at the year's end
    const unions = new Map(
      (
        await all<{ month: string; n: number }>(
          `select month, count(distinct order_id) as n from aid_ledger
           where buyer_type = 'union' and entry_type = 'sale' group by month`,
        )
      ).map((r) => [r.month, r.n]),
    );
    const july = unions.get("2025-07") ?? 0;
    expect(unions.get("2025-09")!).toBeGreaterThan(july * 2 + 5);
    expect(unions.get("2025-12")!).toBeGreaterThan(july * 2 + 5);
  });

  it("has all five buyer types, institutions with funding sources, repeat shoppers", async () => {
    const types = await all<{ buyer_type: string; bucket: string; funded: number; n: number }>(
      `select buyer_type, bucket, sum(funding_source != '') as funded, count(*) as n
       from aid_ledger group by 1, 2 order by 1`,
    );
    expect(types.map((t) => t.buyer_type)).toEqual([
      "gov_unit",
      "individual",
      "private_enterprise",
      "soe",
      "union",
    ]);
    for (const t of types) {
      expect(t.bucket).toBe(t.buyer_type === "individual" ? "assisted_sales" : "procurement");
      expect(t.funded).toBe(t.buyer_type === "individual" ? 0 : t.n);
    }
    const share = await one<{ individual: number; buyers: number; orders: number }>(`select
      avg(buyer_type = 'individual') as individual,
      count(distinct case when user_id is null then 'phone:' || phone else 'user:' || user_id end) as buyers,
      count(*) as orders from orders`);
    expect(share.individual).toBeGreaterThan(0.8);
    expect(share.individual).toBeLessThan(0.9);
    expect(share.buyers).toBeLessThan(share.orders * 0.8); // people come back
    expect(share.buyers).toBe(summary.distinctBuyers);
    const eligible = await one<{ share: number }>(
      `select avg(aid_eligible) as share from order_lines`,
    );
    expect(eligible.share).toBeGreaterThan(0.8);
    expect(eligible.share).toBeLessThan(1);
  });

  it("is deterministic for a seed and refuses to overwrite without --force", async () => {
    const run = async (out: string, force = false) =>
      generateVolume({
        orders: 200,
        out,
        seed: "again",
        year: 2024,
        force,
        now: NOW,
        log: () => {},
      });
    const a = path.join(dir, "a.sqlite");
    const b = path.join(dir, "b.sqlite");
    await run(a);
    await run(b);
    const digest = async (f: string) => {
      const d = createDatabase(f);
      try {
        return await all(
          `select number, status, total_fen, paid_at, (select group_concat(amount_fen || ':' || day)
             from aid_ledger a where a.order_id = o.id) as ledger from orders o order by id`,
          d,
        );
      } finally {
        await d.destroy();
      }
    };
    expect(await digest(a)).toEqual(await digest(b));
    await expect(run(a)).rejects.toBeInstanceOf(UsageError);
    await expect(run(a, true)).resolves.toMatchObject({ orders: 200 });
  }, 30_000);

  it("reads its options", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(parseArgs([], now)).toMatchObject({
      orders: 1_000_000,
      out: "data/volume.sqlite",
      year: 2025,
      force: false,
    });
    expect(
      parseArgs(
        ["--orders", "1_000", "--out", "x.sqlite", "--seed", "s", "--year", "2026", "--force"],
        now,
      ),
    ).toMatchObject({ orders: 1000, out: "x.sqlite", seed: "s", year: 2026, force: true });
    expect(() => parseArgs(["--orders", "0"], now)).toThrow(UsageError);
    expect(() => parseArgs(["--year", "2027"], now)).toThrow(UsageError);
    expect(() => parseArgs(["--what"], now)).toThrow(UsageError);
  });
});
