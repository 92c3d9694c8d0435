import type { Insertable, Transaction } from "kysely";
import type { AidLedgerTable, Database } from "#db/schema";
import { shanghaiDate } from "~/utils/time";
import { chainEntries, GENESIS_HASH } from "./ledger-chain.server";
import { addToDailyRollup, addToDashboardTables } from "./rollups.server";
import { countPaidLines } from "./quantity-flags.server";
import { countPaidOrder } from "./split-orders.server";
import { countUnitsSold } from "../catalog/units-sold.server";
import { componentsOf } from "./bundle-components.server";

export type LedgerEntry = Omit<
  Insertable<AidLedgerTable>,
  "id" | "day" | "month" | "recorded_at" | "prev_hash" | "hash" | "chain_form"
>;

type Trx = Transaction<Database>;

/**
 * Appends entries to the ledger and adds them to the daily rollups, in the caller's
 * transaction (the one that marks the order paid or the refund confirmed). Entries dated
 * in a month the aid office has reported land in the current month instead, so reported
 * figures never move. Each entry is linked onto the hash chain after the last one written
 * (the caller's BEGIN IMMEDIATE makes that the ledger's true last entry; ADR 040). Returns
 * the entries as written. An entry that does not name its seller is a plain line's: its
 * seller is its own cooperative (ADR 044).
 */
export async function appendLedger(trx: Trx, entries: LedgerEntry[], now = new Date()) {
  if (!entries.length) return [];
  const reported = new Set(
    (await trx.selectFrom("reported_periods").select("month").execute()).map((r) => r.month),
  );
  // when the row was written, set here rather than by the column default so it is sealed too
  const recordedAt = new Date().toISOString();
  const dated = entries.map((entry) => {
    let at = new Date(entry.occurred_at);
    if (reported.has(shanghaiDate(at).slice(0, 7))) at = now;
    const day = shanghaiDate(at);
    return {
      ...entry,
      bundle_product_id: entry.bundle_product_id ?? null,
      seller_cooperative_id: entry.seller_cooperative_id ?? entry.cooperative_id,
      channel: entry.channel ?? "online",
      counter_id: entry.counter_id ?? null,
      occurred_at: at.toISOString(),
      day,
      month: day.slice(0, 7),
      recorded_at: recordedAt,
    };
  });
  const last = await trx
    .selectFrom("aid_ledger")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const rows = chainEntries(last?.hash ?? GENESIS_HASH, dated);
  // monthly rollup and the distinct counts; reads the ledger as it was before this batch
  await addToDashboardTables(trx, rows);
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto("aid_ledger")
      .values(rows.slice(i, i + 200))
      .execute();
  }
  await addToDailyRollup(trx, rows);
  return rows;
}

/** 采购 for institutions, 帮助销售 for individuals. */
export function bucketFor(buyerType: string): "procurement" | "assisted_sales" {
  return buyerType === "individual" ? "assisted_sales" : "procurement";
}

/**
 * Who gave: the institution an order was placed for (all its purchasers are one buyer),
 * else the account, else the guest's phone. A walk-in at a counter's till who gave none of
 * these is a buyer of their own, keyed by the sale (ADR 050): never one `phone:` for all.
 */
export function buyerKeyFor(order: {
  id: number;
  institution_id: number | null;
  user_id: number | null;
  phone: string;
}): string {
  if (order.institution_id != null) return `org:${order.institution_id}`;
  if (order.user_id != null) return `user:${order.user_id}`;
  return order.phone ? `phone:${order.phone}` : `walkin:${order.id}`;
}

/** Where it was sold: a pickup order was sold online (its counter only hands it over). */
function channelOf(order: { channel: "online" | "counter"; counter_id: number | null }) {
  return {
    channel: order.channel,
    counter_id: order.channel === "counter" ? order.counter_id : null,
  };
}

/**
 * Writes the sale entries of a paid order, once: one per order line, or for a bundle one
 * per component, each credited to its own county and cooperative by its share of the price
 * and keeping the box and the cooperative that sold it (ADR 044). Called in the transaction
 * that marks the order paid.
 */
export async function recordSale(trx: Trx, orderId: number, now = new Date()): Promise<number> {
  const already = await trx
    .selectFrom("aid_ledger")
    .select("id")
    .where("order_id", "=", orderId)
    .where("entry_type", "=", "sale")
    .executeTakeFirst();
  if (already) return 0;
  const order = await trx
    .selectFrom("orders")
    .select([
      "id",
      "user_id",
      "institution_id",
      "phone",
      "address_key",
      "buyer_type",
      "funding_source",
      "paid_at",
      "channel",
      "counter_id",
    ])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  const lines = await trx
    .selectFrom("order_lines")
    .select([
      "id",
      "product_id",
      "quantity",
      "line_total_fen",
      "county_code",
      "paired_district_zh",
      "cooperative_id",
      "category_group",
      "aid_eligible",
    ])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  const components = await componentsOf(
    trx,
    lines.map((l) => l.product_id),
  );
  const common = {
    entry_type: "sale" as const,
    order_id: order.id,
    refund_id: null,
    bucket: bucketFor(order.buyer_type),
    buyer_type: order.buyer_type,
    funding_source: order.funding_source ?? "",
    buyer_key: buyerKeyFor(order),
    occurred_at: order.paid_at ?? now.toISOString(),
    ...channelOf(order),
  };
  const entries = lines.flatMap((line) => saleEntriesOf(line, components.get(line.product_id)));
  await appendLedger(
    trx,
    entries.map((entry) => ({ ...common, ...entry })),
    now,
  );
  // the split-order rule counts paid orders, once, here with the sale
  await countPaidOrder(trx, order);
  // …and the quantity rule its lines, by product, bucket and quantity
  await countPaidLines(trx, order, lines);
  // the product page's 已售 figure
  await countUnitsSold(trx, lines);
  return entries.length;
}

type SaleLine = Pick<
  LedgerEntry,
  | "product_id"
  | "quantity"
  | "county_code"
  | "paired_district_zh"
  | "cooperative_id"
  | "category_group"
> & { id: number; line_total_fen: number; aid_eligible: 0 | 1 };

type SaleCommon = Pick<
  LedgerEntry,
  | "entry_type"
  | "order_id"
  | "refund_id"
  | "bucket"
  | "buyer_type"
  | "funding_source"
  | "buyer_key"
  | "occurred_at"
  | "channel"
  | "counter_id"
>;

type Components = Awaited<ReturnType<typeof componentsOf>>;

/** A line's own entry, or for a bundle one per component by its share of the price. */
function saleEntriesOf(
  line: SaleLine,
  parts: ReturnType<Components["get"]>,
): Array<Omit<LedgerEntry, keyof SaleCommon>> {
  if (!parts?.length) {
    return [
      {
        order_line_id: line.id,
        amount_fen: line.line_total_fen,
        quantity: line.quantity,
        county_code: line.county_code,
        paired_district_zh: line.paired_district_zh,
        cooperative_id: line.cooperative_id,
        product_id: line.product_id,
        category_group: line.category_group,
        eligible: line.aid_eligible,
        bundle_product_id: null,
        seller_cooperative_id: line.cooperative_id,
      },
    ];
  }
  const amounts = splitByShares(
    line.line_total_fen,
    parts.map((p) => p.share_bp),
  );
  return parts.map((part, i) => ({
    order_line_id: line.id,
    amount_fen: amounts[i]!,
    quantity: line.quantity * part.quantity,
    county_code: part.county_code,
    paired_district_zh: part.paired_district_zh,
    cooperative_id: part.cooperative_id,
    product_id: part.component_product_id,
    category_group: part.group,
    eligible: line.aid_eligible,
    // the aid goes to the component's county and cooperative; the sale stays the seller's
    bundle_product_id: line.product_id,
    seller_cooperative_id: line.cooperative_id,
  }));
}

/** Splits an amount by basis-point shares so the parts add up exactly (last takes the rest). */
export function splitByShares(totalFen: number, sharesBp: number[]): number[] {
  const sum = sharesBp.reduce((a, b) => a + b, 0);
  const parts = sharesBp.map((s) => Math.floor((totalFen * s) / sum));
  parts[parts.length - 1]! += totalFen - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/**
 * Writes the reversing entries of a confirmed refund, once, dated `now` (when the gateway
 * confirmed it). Each entry mirrors a sale entry of the line (same county, cooperative,
 * product, bucket, eligibility, box and seller), so a bundle is reversed component by
 * component and each reversal still names the box and its seller. Amounts
 * are cumulative per line: after this refund, the line's reversals add up to its refunded
 * amount split by the sale entries' amounts, and a fully refunded line is reversed by
 * exactly its sale entries. Call in the transaction that marks the refund succeeded.
 */
export async function recordRefund(trx: Trx, refundId: number, now = new Date()): Promise<number> {
  const already = await trx
    .selectFrom("aid_ledger")
    .select("id")
    .where("refund_id", "=", refundId)
    .executeTakeFirst();
  if (already) return 0;
  const refund = await trx
    .selectFrom("refunds")
    .select(["id", "order_id"])
    .where("id", "=", refundId)
    .executeTakeFirstOrThrow();
  const lines = await refundedLines(trx, refundId);
  if (!lines.length) return 0;
  const history = await lineHistory(
    trx,
    refundId,
    lines.map((l) => l.id),
  );
  const base = { order_id: refund.order_id, refund_id: refundId, occurred_at: now.toISOString() };
  const entries: LedgerEntry[] = [];
  let order: RefundBuyer | undefined;
  for (const line of lines) {
    const parts = history.sales.filter((s) => s.order_line_id === line.id);
    if (parts.length) {
      entries.push(...reversalsOf(line, parts, history, base));
      continue;
    }
    // No sale entry to mirror (should not happen): reverse from the line's own snapshot,
    // so the refund is still counted; `ledger:check` will name the order.
    order ??= await trx
      .selectFrom("orders")
      .select([
        "id",
        "user_id",
        "institution_id",
        "phone",
        "buyer_type",
        "funding_source",
        "channel",
        "counter_id",
      ])
      .where("id", "=", refund.order_id)
      .executeTakeFirstOrThrow();
    entries.push(snapshotReversal(line, order, base));
  }
  await appendLedger(trx, entries, now);
  await countUnitsSold(
    trx,
    lines.map((l) => ({ product_id: l.product_id, quantity: -l.refund_quantity })),
  );
  return entries.length;
}

/** The order lines of a refund, with what this refund takes back from each. */
function refundedLines(trx: Trx, refundId: number) {
  return trx
    .selectFrom("refund_lines as rl")
    .innerJoin("order_lines as l", "l.id", "rl.order_line_id")
    .select([
      "l.id",
      "l.product_id",
      "l.quantity",
      "l.line_total_fen",
      "l.county_code",
      "l.paired_district_zh",
      "l.cooperative_id",
      "l.category_group",
      "l.aid_eligible",
      "rl.quantity as refund_quantity",
      "rl.amount_fen as refund_amount_fen",
    ])
    .where("rl.refund_id", "=", refundId)
    .orderBy("l.id")
    .execute();
}

type RefundedLine = Awaited<ReturnType<typeof refundedLines>>[number];
type LineHistory = Awaited<ReturnType<typeof lineHistory>>;
type RefundBuyer = Pick<LedgerEntry, "buyer_type"> & {
  id: number;
  channel: "online" | "counter";
  counter_id: number | null;
  institution_id: number | null;
  user_id: number | null;
  phone: string;
  funding_source: string | null;
};
type RefundBase = Pick<LedgerEntry, "order_id" | "refund_id" | "occurred_at">;

/**
 * What the lines have been through: refunded so far (this refund included), their sale
 * entries, and the reversals already written.
 */
async function lineHistory(trx: Trx, refundId: number, lineIds: number[]) {
  const refunded = await trx
    .selectFrom("refund_lines as rl")
    .innerJoin("refunds as r", "r.id", "rl.refund_id")
    .select((eb) => [
      "rl.order_line_id",
      eb.fn.sum<number>("rl.quantity").as("quantity"),
      eb.fn.sum<number>("rl.amount_fen").as("amount_fen"),
    ])
    .where("rl.order_line_id", "in", lineIds)
    .where((eb) => eb.or([eb("r.status", "=", "succeeded"), eb("r.id", "=", refundId)]))
    .groupBy("rl.order_line_id")
    .execute();
  const sales = await trx
    .selectFrom("aid_ledger")
    .select([
      "order_line_id",
      "product_id",
      "amount_fen",
      "quantity",
      "county_code",
      "paired_district_zh",
      "cooperative_id",
      "category_group",
      "bucket",
      "buyer_type",
      "funding_source",
      "buyer_key",
      "eligible",
      "bundle_product_id",
      "seller_cooperative_id",
      "channel",
      "counter_id",
    ])
    .where("order_line_id", "in", lineIds)
    .where("entry_type", "=", "sale")
    .orderBy("id")
    .execute();
  const reversed = await trx
    .selectFrom("aid_ledger")
    .select((eb) => [
      "order_line_id",
      "product_id",
      eb.fn.sum<number>("amount_fen").as("amount_fen"),
      eb.fn.sum<number>("quantity").as("quantity"),
    ])
    .where("order_line_id", "in", lineIds)
    .where("entry_type", "=", "refund")
    .groupBy(["order_line_id", "product_id"])
    .execute();
  return { refunded, sales, reversed };
}

/** The entries that bring a line's reversals up to what it has had refunded. */
function reversalsOf(
  line: RefundedLine,
  parts: LineHistory["sales"],
  history: LineHistory,
  base: RefundBase,
): LedgerEntry[] {
  const so = history.refunded.find((r) => r.order_line_id === line.id);
  const refundedQuantity = Number(so?.quantity ?? 0);
  const refundedFen = Number(so?.amount_fen ?? 0);
  const full = refundedQuantity >= line.quantity;
  const saleTotal = parts.reduce((s, p) => s + p.amount_fen, 0);
  const targets = full
    ? parts.map((p) => p.amount_fen)
    : saleTotal > 0
      ? splitByShares(
          refundedFen,
          parts.map((p) => p.amount_fen),
        )
      : parts.map((_, i) => (i === parts.length - 1 ? refundedFen : 0));
  const entries: LedgerEntry[] = [];
  parts.forEach((part, i) => {
    const done = history.reversed.find(
      (r) => r.order_line_id === line.id && r.product_id === part.product_id,
    );
    const targetQuantity = full
      ? part.quantity
      : Math.round((part.quantity * refundedQuantity) / line.quantity);
    const amount = targets[i]! + Number(done?.amount_fen ?? 0);
    const quantity = targetQuantity + Number(done?.quantity ?? 0);
    if (amount === 0 && quantity === 0) return;
    entries.push({
      ...part,
      entry_type: "refund",
      order_id: base.order_id,
      refund_id: base.refund_id,
      amount_fen: -amount,
      quantity: -quantity,
      occurred_at: base.occurred_at,
    });
  });
  return entries;
}

/** A reversal taken from the order line itself, for a line with no sale entry. */
function snapshotReversal(line: RefundedLine, order: RefundBuyer, base: RefundBase): LedgerEntry {
  return {
    entry_type: "refund",
    order_id: base.order_id,
    order_line_id: line.id,
    refund_id: base.refund_id,
    amount_fen: -line.refund_amount_fen,
    quantity: -line.refund_quantity,
    county_code: line.county_code,
    paired_district_zh: line.paired_district_zh,
    cooperative_id: line.cooperative_id,
    product_id: line.product_id,
    category_group: line.category_group,
    bucket: bucketFor(order.buyer_type),
    buyer_type: order.buyer_type,
    funding_source: order.funding_source ?? "",
    buyer_key: buyerKeyFor(order),
    eligible: line.aid_eligible,
    bundle_product_id: null,
    seller_cooperative_id: line.cooperative_id,
    ...channelOf(order),
    occurred_at: base.occurred_at,
  };
}
