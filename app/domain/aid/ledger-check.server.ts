// The ledger's invariant, checked from the source tables: for every order, the ledger's
// entries add up to its paid lines minus its confirmed refunds. `npm run ledger:check` runs
// this against a database file; the tests run it after every payment and refund scenario.
import { fenToYuan } from "~/utils/money";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, OrderStatus } from "#db/schema";

/** Orders whose lines count as sold: paid at some point and not closed unpaid. */
const PAID_STATUSES: readonly OrderStatus[] = [
  "paid",
  "partially_fulfilled",
  "fulfilled",
  "completed",
  "refunded",
  "partially_refunded",
];

export interface BrokenOrder {
  orderId: number;
  /** the order number, or `#<id>` if the ledger names an order that does not exist */
  number: string;
  expectedFen: number;
  ledgerFen: number;
}

export interface LedgerCheck {
  ok: boolean;
  ordersChecked: number;
  /** Σ amount_fen over the whole ledger (eligible or not) */
  ledgerTotalFen: number;
  /** Σ line totals of paid orders − Σ confirmed refund lines */
  expectedTotalFen: number;
  /** Σ amount_fen over aid_rollup_daily: the rollups the reports read must agree too */
  rollupTotalFen: number;
  broken: BrokenOrder[];
  /**
   * Channels (ADR 051) whose sums in aid_month_totals or aid_day_totals differ from the
   * ledger's: the sales-channel breakdown reads those tables, not the ledger.
   */
  channelDrift: ChannelDrift[];
}

export interface ChannelDrift {
  table: "aid_month_totals" | "aid_day_totals";
  /** "online" or "counter:<id>" */
  channel: string;
  ledgerFen: number;
  rollupFen: number;
}

/** An entry's channel value, as the rollups write it (rollups.server.ts). */
const CHANNEL_VALUE = sql<string>`case when a.channel = 'counter' and a.counter_id is not null
  then 'counter:' || a.counter_id else 'online' end`;

/** The channel sums of the ledger against those of the two totals tables. */
async function channelDrift(trx: Transaction<Database>): Promise<ChannelDrift[]> {
  const ledger = await trx
    .selectFrom("aid_ledger as a")
    .select([CHANNEL_VALUE.as("channel"), sql<number>`sum(a.amount_fen)`.as("fen")])
    .groupBy(CHANNEL_VALUE)
    .execute();
  const drift: ChannelDrift[] = [];
  for (const table of ["aid_month_totals", "aid_day_totals"] as const) {
    const rollup = await trx
      .selectFrom(table)
      .select(["value", sql<number>`sum(amount_fen)`.as("fen")])
      .where("dimension", "=", "channel")
      .groupBy("value")
      .execute();
    const sums = new Map<string, { ledgerFen: number; rollupFen: number }>();
    const at = (channel: string) => {
      const found = sums.get(channel) ?? { ledgerFen: 0, rollupFen: 0 };
      sums.set(channel, found);
      return found;
    };
    for (const r of ledger) at(r.channel).ledgerFen += Number(r.fen);
    for (const r of rollup) at(r.value).rollupFen += Number(r.fen);
    for (const [channel, s] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
      if (s.ledgerFen !== s.rollupFen) drift.push({ table, channel, ...s });
    }
  }
  return drift;
}

/**
 * Expected per order = Σ line_total_fen of a paid order's lines − Σ refund_lines.amount_fen
 * of its succeeded refunds (shipping is not in the ledger); ledger per order = Σ amount_fen
 * of all its entries. Any order on either side is checked. Reads in one transaction, so a
 * payment landing meanwhile cannot make a correct ledger look broken.
 */
export async function checkLedger(db: Kysely<Database>): Promise<LedgerCheck> {
  return db.transaction().execute(async (trx) => {
    const sold = await trx
      .selectFrom("orders as o")
      .innerJoin("order_lines as l", "l.order_id", "o.id")
      .select((eb) => ["o.id", "o.number", eb.fn.sum<number>("l.line_total_fen").as("fen")])
      .where("o.paid_at", "is not", null)
      .where("o.status", "in", PAID_STATUSES)
      .groupBy(["o.id", "o.number"])
      .execute();
    const refunded = await trx
      .selectFrom("refunds as r")
      .innerJoin("refund_lines as rl", "rl.refund_id", "r.id")
      .innerJoin("orders as o", "o.id", "r.order_id")
      .select((eb) => ["o.id", "o.number", eb.fn.sum<number>("rl.amount_fen").as("fen")])
      .where("r.status", "=", "succeeded")
      .groupBy(["o.id", "o.number"])
      .execute();
    const ledger = await trx
      .selectFrom("aid_ledger as a")
      .leftJoin("orders as o", "o.id", "a.order_id")
      .select((eb) => ["a.order_id as id", "o.number", eb.fn.sum<number>("a.amount_fen").as("fen")])
      .groupBy(["a.order_id", "o.number"])
      .execute();
    const rollup = await trx
      .selectFrom("aid_rollup_daily")
      .select(sql<number>`coalesce(sum(amount_fen), 0)`.as("fen"))
      .executeTakeFirstOrThrow();

    const orders = new Map<number, BrokenOrder>();
    const entry = (id: number, number: string | null) => {
      let e = orders.get(id);
      if (!e) {
        e = { orderId: id, number: number ?? `#${id}`, expectedFen: 0, ledgerFen: 0 };
        orders.set(id, e);
      }
      return e;
    };
    for (const r of sold) entry(r.id, r.number).expectedFen += Number(r.fen);
    for (const r of refunded) entry(r.id, r.number).expectedFen -= Number(r.fen);
    for (const r of ledger) entry(r.id, r.number).ledgerFen += Number(r.fen);

    let expectedTotalFen = 0;
    let ledgerTotalFen = 0;
    const broken: BrokenOrder[] = [];
    for (const e of orders.values()) {
      expectedTotalFen += e.expectedFen;
      ledgerTotalFen += e.ledgerFen;
      if (e.expectedFen !== e.ledgerFen) broken.push(e);
    }
    broken.sort((a, b) => a.orderId - b.orderId);
    const rollupTotalFen = Number(rollup.fen);
    const drift = await channelDrift(trx);
    return {
      ok: broken.length === 0 && rollupTotalFen === ledgerTotalFen && drift.length === 0,
      ordersChecked: orders.size,
      ledgerTotalFen,
      expectedTotalFen,
      rollupTotalFen,
      broken,
      channelDrift: drift,
    };
  });
}

/** What `npm run ledger:check` prints: a summary, then one line per broken order. */
export function formatLedgerCheck(check: LedgerCheck): string {
  const lines = [
    `ledger:check ${check.ok ? "OK" : "FAILED"}`,
    `  orders checked: ${check.ordersChecked}`,
    `  ledger total:   ${fenToYuan(check.ledgerTotalFen)} yuan (${check.ledgerTotalFen} fen)`,
    `  expected total: ${fenToYuan(check.expectedTotalFen)} yuan (${check.expectedTotalFen} fen) = paid lines − refunds`,
  ];
  if (check.rollupTotalFen !== check.ledgerTotalFen) {
    lines.push(
      `  daily rollups:  ${fenToYuan(check.rollupTotalFen)} yuan (${check.rollupTotalFen} fen) — do not match the ledger`,
    );
  }
  for (const d of check.channelDrift) {
    lines.push(
      `  ${d.table} channel ${d.channel}: ${d.rollupFen} fen, ledger ${d.ledgerFen} fen — do not match`,
    );
  }
  if (check.broken.length) {
    lines.push(`  ${check.broken.length} order(s) break ledger = paid lines − refunds:`);
    for (const b of check.broken) {
      lines.push(
        `    ${b.number}: expected ${b.expectedFen} fen, ledger ${b.ledgerFen} fen (off by ${b.ledgerFen - b.expectedFen})`,
      );
    }
  }
  return lines.join("\n");
}
