// A walk-in sale rung up at a counter's till (ADR 050): one transaction takes the goods off
// the counter's shelf, writes the order (channel counter, collected there and then), its
// lines frozen exactly as an online order's, the payment taken at the counter, and the aid
// ledger's sale entries (channel counter, the counter's id) through the one recordSale.
import crypto from "node:crypto";
import type { DB } from "#db/connection";
import type { CounterPayment } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { shanghaiDate } from "~/utils/time";
import { recordSale } from "../aid/ledger.server";
import {
  insertOrderLines,
  priceSaleLines,
  readAidCertifications,
  readSaleItems,
  uniqueOrderNumber,
} from "../checkout/order-lines.server";
import { DomainError, NotFoundError } from "../errors";
import { newAccessToken } from "../orders/order-number";
import { COUNTER_GATEWAY } from "../payments/counter-gateway.server";
import { takeCounterStock } from "./counter-stock.server";
import { metrics } from "~/utils/metrics.server";
import { lineField, type TillBuyer, type TillLine } from "./till-input";

type Trx = DB;

export interface TillSaleInput {
  counterId: number;
  /** the member of staff ringing it up: the order is collected by them */
  clerk: { id: number; name: string };
  /** the clerk's language: the order's */
  locale: Locale;
  lines: TillLine[];
  payment: CounterPayment;
  buyer: Omit<TillBuyer, "payment">;
  now?: Date;
}

export interface TillSale {
  id: number;
  number: string;
  totalFen: number;
}

/** The counter the sale is rung up at, or 404. */
async function readCounter(trx: Trx, counterId: number) {
  const counter = await trx
    .selectFrom("counters")
    .select(["id", "name_zh", "address_zh", "district_zh"])
    .where("id", "=", counterId)
    .executeTakeFirst();
  if (!counter) throw new NotFoundError("counter");
  return counter;
}

/**
 * Who bought: a registered institution found by its credit code (its profile names the
 * buyer, as at checkout: ADR 042), else the type, name and funding typed, else a walk-in.
 */
async function buyerOfSale(trx: Trx, buyer: TillSaleInput["buyer"]) {
  if (!buyer.creditCode) {
    return {
      institutionId: null,
      buyerType: buyer.buyerType,
      orgName: buyer.orgName,
      fundingSource: buyer.fundingSource,
    };
  }
  const institution = await trx
    .selectFrom("institutions")
    .select(["id", "name", "type", "funding_source"])
    .where("credit_code", "=", buyer.creditCode)
    .executeTakeFirst();
  if (!institution)
    throw new DomainError("till.sale.errors.unknownInstitution", 400, {}, "creditCode");
  return {
    institutionId: institution.id,
    buyerType: institution.type,
    orgName: institution.name,
    fundingSource: institution.funding_source,
  };
}

/**
 * Takes each line off the counter's shelf, or refuses beside the line it cannot have
 * (nothing taken: the caller's transaction rolls back). A product the counter has no row
 * for, another counter's included, is sold out here.
 */
async function takeLines(trx: Trx, input: TillSaleInput, names: Map<number, string>, now: Date) {
  for (const line of input.lines) {
    const name = names.get(line.productId) ?? String(line.productId);
    try {
      await takeCounterStock(
        trx,
        input.counterId,
        [{ product_id: line.productId, quantity: line.quantity, name }],
        now,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code =
        error.code === "checkout.notEnoughStock"
          ? "till.sale.errors.notEnough"
          : "till.sale.errors.soldOut";
      throw new DomainError(code, 409, error.params, lineField(line.productId));
    }
  }
}

/** The counter's address as the order's (province, city, district, the rest as the street). */
function counterAddress(counter: { address_zh: string; district_zh: string }) {
  const prefix = `江苏省南京市${counter.district_zh}`;
  const street = counter.address_zh.startsWith(prefix)
    ? counter.address_zh.slice(prefix.length).trim()
    : counter.address_zh;
  return { province: "江苏省", city: "南京市", district: counter.district_zh, street };
}

type Priced = ReturnType<typeof priceSaleLines>;
type Buyer = Awaited<ReturnType<typeof buyerOfSale>>;
type Counter = Awaited<ReturnType<typeof readCounter>>;

async function insertTillOrder(
  trx: Trx,
  input: TillSaleInput,
  what: { counter: Counter; buyer: Buyer; priced: Priced; number: string; now: Date },
): Promise<number> {
  const { counter, buyer, priced, number, now } = what;
  const at = now.toISOString();
  const order = await trx
    .insertInto("orders")
    .values({
      number,
      user_id: null,
      // nobody is handed the link: the receipt is on paper, the buyer's order is at the counter
      access_token_hash: newAccessToken().hash,
      status: "fulfilled",
      contact_name: buyer.orgName ?? counter.name_zh,
      // no phone given: none (the counter's would make every walk-in one buyer)
      phone: input.buyer.phone ?? "",
      email: null,
      ...counterAddress(counter),
      // no delivery address: the split-order rule does not read the counter's as the buyer's
      address_key: "",
      buyer_type: buyer.buyerType,
      org_name: buyer.orgName,
      funding_source: buyer.fundingSource,
      institution_id: buyer.institutionId,
      invoice_title: null,
      tax_id: null,
      note: null,
      subtotal_fen: priced.subtotal,
      shipping_fen: 0,
      total_fen: priced.subtotal,
      aid_eligible_fen: priced.aidEligible,
      locale: input.locale,
      payment_gateway: COUNTER_GATEWAY,
      expires_at: at,
      paid_at: at,
      fulfilment: "pickup",
      channel: "counter",
      counter_id: counter.id,
      collected_at: at,
      collected_by: input.clerk.id,
      collected_by_name: input.clerk.name,
      counter_payment: input.payment,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return order.id;
}

/** The money taken at the counter, as a succeeded payment of the counter's "gateway". */
async function insertTillPayment(trx: Trx, orderId: number, amountFen: number, now: Date) {
  await trx
    .insertInto("payments")
    .values({
      id: `counter_pay_${crypto.randomBytes(9).toString("base64url")}`,
      order_id: orderId,
      gateway: COUNTER_GATEWAY,
      status: "succeeded",
      amount_fen: amountFen,
      attempt: 1,
      external_url: null,
      updated_at: now.toISOString(),
    })
    .execute();
}

/**
 * Records a walk-in sale in one transaction: the shelf's stock taken (never below zero; a
 * refusal writes nothing and names the line), the order paid and collected at once, its
 * lines frozen as online (price, cooperative, county, aid eligibility on the day), the
 * payment, and the ledger's sale entries with channel counter and the counter's id.
 */
export async function recordTillSale(db: DB, input: TillSaleInput): Promise<TillSale> {
  const now = input.now ?? new Date();
  if (!input.lines.length) throw new DomainError("till.sale.errors.empty", 400, {}, "product");
  const sale = await db.transaction().execute(async (trx) => {
    const counter = await readCounter(trx, input.counterId);
    const buyer = await buyerOfSale(trx, input.buyer);
    const items = await readSaleItems(trx, input.lines);
    const names = new Map(
      items.map((i) => [i.id, input.locale === "en" ? i.name_en : i.name_zh] as const),
    );
    await takeLines(trx, input, names, now);
    const certs = await readAidCertifications(trx, items);
    const priced = priceSaleLines(items, certs, shanghaiDate(now));
    const number = await uniqueOrderNumber(trx, now);
    const orderId = await insertTillOrder(trx, input, { counter, buyer, priced, number, now });
    await insertOrderLines(trx, orderId, priced.lines);
    await insertTillPayment(trx, orderId, priced.subtotal, now);
    await recordSale(trx, orderId, now);
    return { id: orderId, number, totalFen: priced.subtotal };
  });
  // placed and paid in the same moment, at the counter
  metrics.ordersPlaced.inc({ channel: "till" });
  metrics.ordersPaid.inc({ channel: "till" });
  return sale;
}
