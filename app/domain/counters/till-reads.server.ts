// What the till's pages read (ADR 050): the counter's shelf to pick from, the sale being
// rung up priced as it would be sold, today's sales, and one sale's receipt. Every read is
// scoped to the clerk's own counter.
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import {
  priceSaleLines,
  readAidCertifications,
  readSaleItems,
} from "../checkout/order-lines.server";
import { NotFoundError } from "../errors";
import type { TillLine } from "./till-input";

const nameIn = (locale: Locale, row: { name_zh: string; name_en: string }) =>
  locale === "en" ? row.name_en : row.name_zh;

/** What the counter has on its shelf now (quantity > 0), to pick a line from. */
export async function tillShelf(db: DB, counterId: number, locale: Locale) {
  const rows = await db
    .selectFrom("counter_stock as s")
    .innerJoin("products as p", "p.id", "s.product_id")
    .select([
      "p.id",
      "p.name_zh",
      "p.name_en",
      "p.unit_zh",
      "p.unit_en",
      "p.price_fen",
      "s.quantity",
    ])
    .where("s.counter_id", "=", counterId)
    .where("s.quantity", ">", 0)
    .orderBy("p.name_zh")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    name: nameIn(locale, r),
    unit: locale === "en" ? r.unit_en : r.unit_zh,
    priceFen: r.price_fen,
    onShelf: r.quantity,
  }));
}

export type ShelfItem = Awaited<ReturnType<typeof tillShelf>>[number];

/**
 * The sale being rung up, priced as recordTillSale would price it now: each line's price,
 * total and what the shelf holds (a line beyond it is marked, not refused: the sale is),
 * the total and its aid-eligible part. Lines of products the counter does not stock at all
 * are left out and named in `notStocked`.
 */
export async function tillDraft(
  db: DB,
  counterId: number,
  lines: TillLine[],
  locale: Locale,
  now = new Date(),
) {
  const stocked = lines.length
    ? await db
        .selectFrom("counter_stock")
        .select(["product_id", "quantity"])
        .where("counter_id", "=", counterId)
        .where(
          "product_id",
          "in",
          lines.map((l) => l.productId),
        )
        .execute()
    : [];
  const onShelf = new Map(stocked.map((s) => [s.product_id, s.quantity]));
  const kept = lines.filter((l) => onShelf.has(l.productId));
  const items = await readSaleItems(db, kept);
  const certs = await readAidCertifications(db, items);
  const priced = priceSaleLines(items, certs, shanghaiDate(now));
  return {
    lines: priced.lines.map((l) => ({
      productId: l.item.id,
      name: nameIn(locale, l.item),
      unit: locale === "en" ? l.item.unit_en : l.item.unit_zh,
      unitPriceFen: l.item.price_fen,
      quantity: l.item.quantity,
      lineTotalFen: l.lineTotalFen,
      aidEligible: l.cert !== null,
      onShelf: onShelf.get(l.item.id) ?? 0,
    })),
    totalFen: priced.subtotal,
    aidEligibleFen: priced.aidEligible,
    notStocked: lines.filter((l) => !onShelf.has(l.productId)).map((l) => l.productId),
  };
}

export type TillDraft = Awaited<ReturnType<typeof tillDraft>>;

/** The UTC instant a Shanghai calendar day starts (UTC+8 all year). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

/** The counter's till sales of the Shanghai day of `now`, latest first. */
export async function todaysTillSales(db: DB, counterId: number, now = new Date()) {
  const rows = await db
    .selectFrom("orders")
    .select([
      "number",
      "status",
      "paid_at",
      "total_fen",
      "aid_eligible_fen",
      "counter_payment",
      "org_name",
      "collected_by_name",
    ])
    .where("counter_id", "=", counterId)
    .where("channel", "=", "counter")
    .where("paid_at", ">=", dayStart(shanghaiDate(now)))
    .orderBy("paid_at", "desc")
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    number: r.number,
    status: r.status,
    paidAt: r.paid_at ?? "",
    totalFen: r.total_fen,
    aidEligibleFen: r.aid_eligible_fen,
    payment: r.counter_payment,
    orgName: r.org_name,
    clerk: r.collected_by_name,
  }));
}

/** One of the counter's till sales as its receipt shows it; NotFoundError for any other order. */
export async function tillReceipt(db: DB, counterId: number, number: string, locale: Locale) {
  const order = await db
    .selectFrom("orders as o")
    .innerJoin("counters as c", "c.id", "o.counter_id")
    .select([
      "o.id",
      "o.number",
      "o.status",
      "o.paid_at",
      "o.total_fen",
      "o.aid_eligible_fen",
      "o.counter_payment",
      "o.buyer_type",
      "o.org_name",
      "o.institution_id",
      "o.collected_by_name",
      "c.name_zh",
      "c.name_en",
      "c.address_zh",
      "c.address_en",
      "c.phone",
    ])
    .where("o.number", "=", number)
    .where("o.counter_id", "=", counterId)
    .where("o.channel", "=", "counter")
    .executeTakeFirst();
  if (!order) throw new NotFoundError("order");
  const lines = await db
    .selectFrom("order_lines")
    .select([
      "id",
      "product_name_zh",
      "product_name_en",
      "unit_zh",
      "unit_en",
      "unit_price_fen",
      "quantity",
      "line_total_fen",
      "aid_eligible",
    ])
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  const refunded = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), eb.lit(0)).as("fen"))
    .where("order_id", "=", order.id)
    .where("status", "=", "succeeded")
    .executeTakeFirst();
  return {
    number: order.number,
    status: order.status,
    paidAt: order.paid_at ?? "",
    totalFen: order.total_fen,
    aidEligibleFen: order.aid_eligible_fen,
    refundedFen: Number(refunded?.fen ?? 0),
    payment: order.counter_payment,
    buyerType: order.buyer_type,
    orgName: order.org_name,
    registeredInstitution: order.institution_id !== null,
    clerk: order.collected_by_name,
    counter: {
      name: locale === "en" ? order.name_en : order.name_zh,
      address: locale === "en" ? order.address_en : order.address_zh,
      phone: order.phone,
    },
    lines: lines.map((l) => ({
      id: l.id,
      name: locale === "en" ? l.product_name_en : l.product_name_zh,
      unit: locale === "en" ? l.unit_en : l.unit_zh,
      unitPriceFen: l.unit_price_fen,
      quantity: l.quantity,
      lineTotalFen: l.line_total_fen,
      aidEligible: l.aid_eligible === 1,
    })),
  };
}

export type TillReceipt = Awaited<ReturnType<typeof tillReceipt>>;
