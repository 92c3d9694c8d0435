// The ledger entries behind a figure of the dashboard (/aid/entries): the one list the
// dashboard reads from aid_ledger itself, a page at a time.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import type { Period } from "../periods";
import { filterColumns, type EntryFilters } from "./entry-filters.server";
import { num, rollupRows } from "./sums.server";

export interface EntryRow {
  id: number;
  entryType: "sale" | "refund";
  occurredAt: string;
  day: string;
  orderNumber: string;
  productId: number;
  productName: string | null;
  /** the gift box this entry is a component's share of (ADR 044), and who sold it */
  box: { id: number; name: string | null; sellerId: number; sellerName: string | null } | null;
  cooperativeName: string | null;
  countyName: string | null;
  pairedDistrict: string | null;
  categoryGroup: string;
  bucket: string;
  buyerType: string;
  fundingSource: string;
  eligible: 0 | 1;
  quantity: number;
  amountFen: number;
  /** where it was sold (ADR 051), and the counter's name for a counter sale */
  channel: "online" | "counter";
  counterId: number | null;
  counterName: string | null;
}

export interface EntryPage {
  rows: EntryRow[];
  /** all entries behind the figure, not just this page */
  count: number;
  amountFen: number;
  page: number;
  pages: number;
  pageSize: number;
}

const PAGE_SIZE = 50;

/**
 * The ledger entries behind a figure, newest first. The count and sum over all pages come
 * from the same rollup the figure came from, so they match it by construction.
 */
export async function listEntries(
  db: DB,
  period: Period,
  filters: EntryFilters,
  page = 1,
  locale: Locale = "zh-CN",
  pageSize = PAGE_SIZE,
): Promise<EntryPage> {
  const conditions = filterColumns(filters);
  const total = await entryTotals(db, period, conditions, filters);
  const pages = Math.max(1, Math.ceil(total.count / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = total.count
    ? await entryRows(db, period, conditions, locale, filters)
        .limit(pageSize)
        .offset((current - 1) * pageSize)
        .execute()
    : [];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      entryType: r.entry_type,
      occurredAt: r.occurred_at,
      day: r.day,
      orderNumber: r.number,
      productId: r.product_id,
      productName: r.product_name,
      box:
        r.bundle_product_id == null
          ? null
          : {
              id: r.bundle_product_id,
              name: r.box_name,
              sellerId: r.seller_cooperative_id,
              sellerName: r.seller_name,
            },
      cooperativeName: r.cooperative_name,
      countyName: r.county_name,
      pairedDistrict: r.paired_district,
      categoryGroup: r.category_group,
      bucket: r.bucket,
      buyerType: r.buyer_type,
      fundingSource: r.funding_source === "" ? "none" : r.funding_source,
      eligible: r.eligible,
      quantity: r.quantity,
      amountFen: r.amount_fen,
      channel: r.channel,
      counterId: r.counter_id,
      counterName: r.counter_name,
    })),
    count: total.count,
    amountFen: total.amountFen,
    page: current,
    pages,
    pageSize,
  };
}

type Conditions = ReturnType<typeof filterColumns>;
type LedgerOnly = Pick<EntryFilters, "seller" | "channel" | "counter">;

/** Filters on what the rollups do not hold: the seller, the channel and the counter. */
function ledgerOnly(filters: LedgerOnly) {
  return filters.seller !== undefined || filters.channel !== undefined;
}

/** The period's ledger entries as `r`, with the filters the rollups do not hold. */
function ledgerIn(db: DB, period: Period, filters: LedgerOnly) {
  let ledger = db
    .selectFrom("aid_ledger as r")
    .where("r.day", ">=", period.start)
    .where("r.day", "<=", period.end);
  if (filters.seller !== undefined) {
    ledger = ledger.where("r.seller_cooperative_id", "=", filters.seller);
  }
  if (filters.channel !== undefined) ledger = ledger.where("r.channel", "=", filters.channel);
  // online entries have no counter: saying so lets the (channel, counter_id, day) index
  // reach the days of the period
  if (filters.channel === "online") ledger = ledger.where("r.counter_id", "is", null);
  if (filters.counter !== undefined) ledger = ledger.where("r.counter_id", "=", filters.counter);
  return ledger;
}

/**
 * Count and sum of the entries behind a figure, from the rollup the figure came from. A
 * seller's entries (gift boxes included) and a channel's or counter's (ADR 051) are not
 * rollup dimensions: those are summed from the ledger, by its (seller_cooperative_id, day)
 * and (channel, counter_id, day) indexes.
 */
async function entryTotals(db: DB, period: Period, conditions: Conditions, filters: LedgerOnly) {
  if (ledgerOnly(filters)) {
    let ledger = ledgerIn(db, period, filters);
    for (const [column, value] of conditions) {
      ledger = ledger.where(sql.ref(`r.${column}`), "=", value);
    }
    const total = await ledger
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>("r.amount_fen").as("amount"),
      ])
      .executeTakeFirst();
    return { count: num(total?.count), amountFen: num(total?.amount) };
  }
  let query = rollupRows(db, period);
  for (const [column, value] of conditions) {
    query = query.where(sql.ref(`r.${column}`), "=", value);
  }
  const total = await query
    .select((eb) => [
      eb.fn.sum<number>("r.entries").as("count"),
      eb.fn.sum<number>("r.amount_fen").as("amount"),
    ])
    .executeTakeFirst();
  return { count: num(total?.count), amountFen: num(total?.amount) };
}

/** The entries themselves, newest first, named in the page's language. */
function entryRows(
  db: DB,
  period: Period,
  conditions: Conditions,
  locale: Locale,
  filters: LedgerOnly,
) {
  const l = lang(locale);
  let ledger = ledgerIn(db, period, filters);
  for (const [column, value] of conditions) {
    ledger = ledger.where(sql.ref(`r.${column}`), "=", value);
  }
  return ledger
    .innerJoin("orders as o", "o.id", "r.order_id")
    .leftJoin("products as p", "p.id", "r.product_id")
    .leftJoin("cooperatives as c", "c.id", "r.cooperative_id")
    .leftJoin("counties as y", "y.code", "r.county_code")
    .leftJoin("products as b", "b.id", "r.bundle_product_id")
    .leftJoin("cooperatives as s", "s.id", "r.seller_cooperative_id")
    .leftJoin("counters as k", "k.id", "r.counter_id")
    .select([
      "r.id",
      "r.bundle_product_id",
      "r.seller_cooperative_id",
      sql.ref<string | null>(`b.name_${l}`).as("box_name"),
      sql.ref<string | null>(`s.name_${l}`).as("seller_name"),
      "r.entry_type",
      "r.occurred_at",
      "r.day",
      "o.number",
      "r.product_id",
      sql.ref<string | null>(`p.name_${l}`).as("product_name"),
      sql.ref<string | null>(`c.name_${l}`).as("cooperative_name"),
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
      "r.category_group",
      "r.bucket",
      "r.buyer_type",
      "r.funding_source",
      "r.eligible",
      "r.quantity",
      "r.amount_fen",
      "r.channel",
      "r.counter_id",
      sql.ref<string | null>(`k.name_${l}`).as("counter_name"),
    ])
    .orderBy("r.day", "desc")
    .orderBy("r.id", "desc");
}

export interface FilterNames {
  county?: string;
  cooperative?: string;
  seller?: string;
  product?: string;
  counter?: string;
}

/** Names for the filters shown above a drill-down list (county, cooperative, seller, product, counter). */
export async function filterNames(
  db: DB,
  filters: EntryFilters,
  locale: Locale = "zh-CN",
): Promise<FilterNames> {
  const l = lang(locale);
  const out: FilterNames = {};
  if (filters.counter) {
    const row = await db
      .selectFrom("counters")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.counter)
      .executeTakeFirst();
    out.counter = row?.name ?? `#${filters.counter}`;
  }
  if (filters.seller) {
    const row = await db
      .selectFrom("cooperatives")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.seller)
      .executeTakeFirst();
    out.seller = row?.name ?? `#${filters.seller}`;
  }
  if (filters.county) {
    const row = await db
      .selectFrom("counties")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("code", "=", filters.county)
      .executeTakeFirst();
    out.county = row?.name ?? filters.county;
  }
  if (filters.cooperative) {
    const row = await db
      .selectFrom("cooperatives")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.cooperative)
      .executeTakeFirst();
    out.cooperative = row?.name ?? `#${filters.cooperative}`;
  }
  if (filters.product) {
    const row = await db
      .selectFrom("products")
      .select(sql.ref<string>(`name_${l}`).as("name"))
      .where("id", "=", filters.product)
      .executeTakeFirst();
    out.product = row?.name ?? `#${filters.product}`;
  }
  return out;
}
