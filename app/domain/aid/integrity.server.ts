// Integrity flags for the aid office (/aid/integrity): sales that deserve a second look
// before the figures are reported. Each rule is one indexed query that starts from what is
// few, not from the period's orders: price from the products with a reference price,
// self-purchase from the managers, quantity and split orders from counts kept as orders are
// paid (quantity-flags.server.ts, split-orders.server.ts); each capped at `limit` flags with
// the full count beside it. Flags are prompts for a person, not verdicts: nothing here
// changes the ledger. Rules and thresholds are explained in
// docs/decisions/016-aid-exports-and-integrity.md.
import { sql, type CompiledQuery, type RawBuilder } from "kysely";
import type { DB } from "#db/connection";
import { periodInstants, type Period } from "./periods";
import { pinnedJoin, indexedBy } from "#db/planner-hints";
import { quantityQuery } from "./quantity-flags.server";
import { flaggedCountsQuery, flagOrdersQuery, splitOrderFlags } from "./split-orders.server";

export const INTEGRITY_RULES = [
  "price",
  "quantity",
  "selfPurchase",
  "splitOrders",
  "reportedRefund",
] as const;
export type IntegrityRule = (typeof INTEGRITY_RULES)[number];

/** A line costs more than this share of the product's reference price (130%). */
export const PRICE_LIMIT_PERCENT = 130;
export const DEFAULT_FLAG_LIMIT = 50;

export interface FlagOrder {
  number: string;
  /** ISO instant: when it was paid (for a refund flag, when the refund was booked) */
  at: string;
  /** fen: the line, the cooperative's share, the order or the refund, as the flag says */
  amountFen: number;
}

export type FlagReason =
  | {
      rule: "price";
      product: string;
      unitPriceFen: number;
      referencePriceFen: number;
      percent: number;
    }
  | {
      rule: "quantity";
      product: string;
      quantity: number;
      /** 采购 or 帮助销售: whose usual quantity the line is measured against */
      bucket: "procurement" | "assisted_sales";
      /** null when there was too little history and the line is flagged for its size alone */
      median: number | null;
    }
  | {
      rule: "selfPurchase";
      cooperative: string;
      manager: string;
      /** the order's account is the manager's, or its phone is the manager's phone */
      via: "account" | "phone";
    }
  | {
      rule: "splitOrders";
      via: "phone" | "address";
      /** a masked phone, or the address as written on the first order */
      subject: string;
      day: string;
      count: number;
    }
  | {
      rule: "reportedRefund";
      saleMonth: string;
      reportedAt: string;
      reportedBy: string;
      refundDay: string;
    };

export interface Flag {
  id: string;
  reason: FlagReason;
  orders: FlagOrder[];
  /** orders behind the flag that are not listed */
  moreOrders: number;
}

export interface RuleFlags {
  rule: IntegrityRule;
  /** every flag in the period, of which `flags` holds the first `limit` */
  total: number;
  flags: Flag[];
}

export type IntegrityReport = Record<IntegrityRule, RuleFlags>;

export { normalizeAddress } from "~/domain/orders/address-key";
export { ORDERS_PER_FLAG, SPLIT_MIN_ORDERS } from "./split-orders.server";
export { LARGE_QUANTITY, MEDIAN_MIN_LINES, MEDIAN_MULTIPLE } from "./quantity-flags.server";

/**
 * The queries behind each rule for a period, compiled, so tests can ask SQLite how it
 * would run them (EXPLAIN QUERY PLAN) as well as run them.
 */
export function integrityQueries(
  db: DB,
  period: Pick<Period, "start" | "end">,
  limit = DEFAULT_FLAG_LIMIT,
): Record<IntegrityRule, CompiledQuery[]> {
  const { start, end } = periodInstants(period);
  // paid_at is set once, when the payment lands (whatever happens to the order afterwards),
  // and is indexed; a status filter beside it would tempt SQLite onto the status index
  const paidInPeriod = sql`o.paid_at >= ${start} and o.paid_at < ${end}`;
  return {
    price: [priceQuery(db, paidInPeriod, limit).compile(db)],
    quantity: [quantityQuery(db, period, limit).compile(db)],
    selfPurchase: [selfPurchaseQuery(db, paidInPeriod, limit).compile(db)],
    splitOrders: [
      flaggedCountsQuery(db, period).compile(),
      flagOrdersQuery(db, "phone", "", period.start).compile(),
      flagOrdersQuery(db, "address", "", period.start).compile(),
    ],
    reportedRefund: [reportedRefundQuery(period, limit).compile(db)],
  };
}

type Condition = RawBuilder<unknown>;

/**
 * From the products with a reference price, their lines dearer than 130% of it on
 * order_lines(product_id, unit_price_fen) (unit > ⌊reference × 130 / 100⌋ is the same test
 * in whole fen), each checked against its order's payment.
 */
function priceQuery(db: DB, paidInPeriod: Condition, limit: number) {
  const join = pinnedJoin(db);
  return sql`
    select o.number, o.paid_at as at, l.line_total_fen as amount_fen, l.id as line_id,
      l.product_name_zh as product, l.unit_price_fen, p.reference_price_fen,
      count(*) over () as total
    from products p
    ${join} order_lines l on l.product_id = p.id
      and l.unit_price_fen > p.reference_price_fen * ${PRICE_LIMIT_PERCENT} / 100
    ${join} orders o on o.id = l.order_id
    where ${paidInPeriod}
      and p.reference_price_fen > 0
      and l.unit_price_fen * 100 > p.reference_price_fen * ${PRICE_LIMIT_PERCENT}
    order by o.paid_at desc, l.id
    limit ${limit}`;
}

/**
 * Credited to a cooperative (bundle components included) by one of its own managers, or
 * by someone using a manager's phone. Starts from the few managers: their orders by account
 * (orders_user), by the phone on the order (orders_phone_paid), and by an account whose phone
 * is the manager's (users.phone is unique, so that is the manager's own account, kept for
 * the rule's sake); then the order's sale entries credited to that cooperative.
 */
function selfPurchaseQuery(db: DB, paidInPeriod: Condition, limit: number) {
  const join = pinnedJoin(db);
  const managers = sql`cooperative_managers cm ${join} users u on u.id = cm.user_id`;
  return sql`
    with mine as (
      select cm.cooperative_id, u.id as manager_id, o.id as order_id
      from ${managers} ${join} orders o on o.user_id = u.id
      where ${paidInPeriod}
      union
      select cm.cooperative_id, u.id, o.id
      from ${managers} ${join} orders o on o.phone = u.phone
      where u.phone is not null and ${paidInPeriod}
      union
      select cm.cooperative_id, u.id, o.id
      from ${managers} ${join} users b on b.phone = u.phone
      ${join} orders o on o.user_id = b.id
      where u.phone is not null and ${paidInPeriod}
    )
    select o.number, o.paid_at as at, sum(a.amount_fen) as amount_fen, a.cooperative_id,
      co.name_zh as cooperative, u.id as manager_id, u.name as manager,
      max(case when o.user_id = u.id then 1 else 0 end) as by_account,
      count(*) over () as total
    from mine m
    ${join} orders o on o.id = m.order_id
    ${join} users u on u.id = m.manager_id
    ${join} aid_ledger a ${indexedBy(db, "aid_ledger_order")} on a.order_id = o.id
      and a.entry_type = 'sale'
      and a.cooperative_id = m.cooperative_id
    join cooperatives co on co.id = a.cooperative_id
    group by o.id, a.cooperative_id, u.id, co.id
    order by o.paid_at desc, o.id, a.cooperative_id, u.id
    limit ${limit}`;
}

/**
 * Refund entries of the period whose sale sits in a month already reported (the refund
 * itself was booked in the current month, as the ledger always does).
 */
function reportedRefundQuery(period: Pick<Period, "start" | "end">, limit: number) {
  return sql`
    select o.number, max(r.occurred_at) as at, sum(r.amount_fen) as amount_fen, r.refund_id,
      max(r.day) as refund_day, s.month as sale_month, rp.reported_at, rp.reported_by_name,
      count(*) over () as total
    from aid_ledger r
    join aid_ledger s on s.order_line_id = r.order_line_id and s.product_id = r.product_id
      and s.entry_type = 'sale'
    join reported_periods rp on rp.month = s.month
    join orders o on o.id = r.order_id
    where r.day >= ${period.start} and r.day <= ${period.end} and r.entry_type = 'refund'
    group by r.order_id, r.refund_id, s.month, o.id, rp.month
    order by at desc, o.number
    limit ${limit}`;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v == null ? "" : String(v));

/** The flags of a period, rule by rule, each with the orders behind it. */
export async function integrityFlags(
  db: DB,
  period: Pick<Period, "start" | "end">,
  options: { limit?: number } = {},
): Promise<IntegrityReport> {
  const limit = options.limit ?? DEFAULT_FLAG_LIMIT;
  const queries = integrityQueries(db, period, limit);
  const run = async (query: CompiledQuery) => (await db.executeQuery<Row>(query)).rows;
  const [price, quantity, selfPurchase, reportedRefund] = await Promise.all([
    run(queries.price[0]!),
    run(queries.quantity[0]!),
    run(queries.selfPurchase[0]!),
    run(queries.reportedRefund[0]!),
  ]);
  const splitOrders = await splitOrderFlags(db, period, limit);
  return {
    price: ruleFlags("price", price, priceFlag),
    quantity: ruleFlags("quantity", quantity, quantityFlag),
    selfPurchase: ruleFlags("selfPurchase", selfPurchase, selfPurchaseFlag),
    splitOrders,
    reportedRefund: ruleFlags("reportedRefund", reportedRefund, reportedRefundFlag),
  };
}

/** A rule's flags from its rows, each row one flag on one order. */
function ruleFlags(
  rule: IntegrityRule,
  rows: Row[],
  flagOf: (row: Row) => Pick<Flag, "id" | "reason">,
): RuleFlags {
  return {
    rule,
    total: num(rows[0]?.total),
    flags: rows.map((row) => ({
      ...flagOf(row),
      orders: [{ number: str(row.number), at: str(row.at), amountFen: num(row.amount_fen) }],
      moreOrders: 0,
    })),
  };
}

const priceFlag = (row: Row): Pick<Flag, "id" | "reason"> => ({
  id: `price-${str(row.line_id)}`,
  reason: {
    rule: "price",
    product: str(row.product),
    unitPriceFen: num(row.unit_price_fen),
    referencePriceFen: num(row.reference_price_fen),
    percent: Math.round((num(row.unit_price_fen) * 100) / num(row.reference_price_fen)),
  },
});

const quantityFlag = (row: Row): Pick<Flag, "id" | "reason"> => ({
  id: `quantity-${str(row.line_id)}`,
  reason: {
    rule: "quantity",
    product: str(row.product),
    quantity: num(row.quantity),
    bucket: row.bucket === "procurement" ? "procurement" : "assisted_sales",
    median: row.median == null ? null : num(row.median),
  },
});

const selfPurchaseFlag = (row: Row): Pick<Flag, "id" | "reason"> => ({
  id: `self-${str(row.number)}-${str(row.cooperative_id)}-${str(row.manager_id)}`,
  reason: {
    rule: "selfPurchase",
    cooperative: str(row.cooperative),
    manager: str(row.manager),
    via: num(row.by_account) ? "account" : "phone",
  },
});

const reportedRefundFlag = (row: Row): Pick<Flag, "id" | "reason"> => ({
  id: `refund-${str(row.number)}-${str(row.refund_id)}-${str(row.sale_month)}`,
  reason: {
    rule: "reportedRefund",
    saleMonth: str(row.sale_month),
    reportedAt: str(row.reported_at),
    reportedBy: str(row.reported_by_name),
    refundDay: str(row.refund_day),
  },
});
