import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { DomainError } from "../errors";
import { requestInvoiceAtCheckout } from "../invoices/invoices.server";
import { tellBuyer } from "../messages/order-messages.server";
import { buyerOfOrder } from "../institutions/institution-purchase.server";
import { takeCounterStock } from "../counters/counter-stock.server";
import { addressKeyOf } from "../orders/address-key";
import { uniquePickupCode } from "../pickup/pickup-code.server";
import { newAccessToken } from "../orders/order-number";
import { addMinutes, shanghaiDate } from "~/utils/time";
import { metrics } from "~/utils/metrics.server";
import type { CheckoutInput } from "./checkout-input";
import {
  insertOrderLines,
  priceSaleLines,
  readAidCertifications,
  SALE_ITEM_COLUMNS,
  saleItemsFrom,
  uniqueOrderNumber,
} from "./order-lines.server";
import { quoteShipping } from "./shipping";

export interface PlacedOrder {
  id: number;
  number: string;
  /** shown once, in the link that lets a guest see the order */
  accessToken: string;
  totalFen: number;
}

export interface PlaceOrderOptions {
  cartId: string;
  input: CheckoutInput;
  locale: Locale;
  gateway: string;
  ttlMinutes: number;
  /** the signed-in buyer, if any; guests leave it out */
  userId?: number | null;
  now?: Date;
}

type Trx = Parameters<Parameters<ReturnType<DB["transaction"]>["execute"]>[0]>[0];

function readCartItems(trx: Trx, cartId: string) {
  return saleItemsFrom(trx)
    .innerJoin("cart_items as i", "i.product_id", "p.id")
    .select(["i.quantity", ...SALE_ITEM_COLUMNS])
    .where("i.cart_id", "=", cartId)
    .orderBy("i.added_at")
    .orderBy("p.id")
    .execute();
}

type CartItem = Awaited<ReturnType<typeof readCartItems>>[number];

const itemName = (item: CartItem, locale: Locale) =>
  locale === "en" ? item.name_en : item.name_zh;

/** Every line must still be on sale, wherever its stock is taken from. */
function refuseUnavailable(items: CartItem[], locale: Locale): void {
  const off = items.find((item) => item.status !== "active");
  if (off) throw new DomainError("checkout.unavailable", 409, { name: itemName(off, locale) });
}

/**
 * A pickup order holds the counter's shelf, not the cooperative's stock (ADR 048): taken in
 * this transaction, never below zero. A line the counter cannot cover refuses the order,
 * naming the product and the counter.
 */
async function takeFromCounter(
  trx: Trx,
  counterId: number,
  items: CartItem[],
  locale: Locale,
  now: Date,
): Promise<void> {
  const counter = await trx
    .selectFrom("counters")
    .select(["name_zh", "name_en"])
    .where("id", "=", counterId)
    .executeTakeFirst();
  if (!counter) throw new DomainError("pickup.errors.counterUnavailable", 409, {}, "counterId");
  refuseUnavailable(items, locale);
  const lines = items.map((i) => ({
    product_id: i.id,
    quantity: i.quantity,
    name: itemName(i, locale),
  }));
  try {
    await takeCounterStock(trx, counterId, lines, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError("pickup.errors.notAtCounter", 409, {
      ...error.params,
      counter: locale === "en" ? counter.name_en : counter.name_zh,
    });
  }
}

/** Takes each line's stock with a conditional update, so stock never goes below zero. */
async function takeStock(trx: Trx, items: CartItem[], locale: Locale, now: Date): Promise<void> {
  refuseUnavailable(items, locale);
  for (const item of items) {
    const name = itemName(item, locale);
    const taken = await trx
      .updateTable("products")
      .set((eb) => ({ stock: eb("stock", "-", item.quantity), updated_at: now.toISOString() }))
      .where("id", "=", item.id)
      .where("status", "=", "active")
      .where("stock", ">=", item.quantity)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n) {
      const left = await trx
        .selectFrom("products")
        .select("stock")
        .where("id", "=", item.id)
        .executeTakeFirstOrThrow();
      throw new DomainError(left.stock > 0 ? "checkout.notEnoughStock" : "checkout.soldOut", 409, {
        name,
        stock: left.stock,
      });
    }
  }
}

type AidCertRow = Awaited<ReturnType<typeof readAidCertifications>>[number];

/** The lines priced as at a till, plus the parcels' shipping fee (none collected at a counter, ADR 048). */
function priceLines(items: CartItem[], certs: AidCertRow[], today: string, pickup: boolean) {
  const priced = priceSaleLines(items, certs, today);
  return { ...priced, shipping: pickup ? 0 : quoteShipping(priced.lines).totalFen };
}

type PricedOrder = ReturnType<typeof priceLines>;

async function insertOrder(
  trx: Trx,
  options: PlaceOrderOptions & { institutionId: number | null },
  priced: PricedOrder,
  ids: { number: string; accessTokenHash: string; pickupCode: string | null },
  now: Date,
): Promise<number> {
  const { input } = options;
  const { subtotal, shipping, aidEligible } = priced;
  const order = await trx
    .insertInto("orders")
    .values({
      number: ids.number,
      user_id: options.userId ?? null,
      access_token_hash: ids.accessTokenHash,
      status: "pending_payment",
      contact_name: input.contactName,
      phone: input.phone,
      email: input.email,
      province: input.province,
      city: input.city,
      district: input.district,
      street: input.street,
      // a counter's address is many buyers' pickup point, not one buyer's home: no key, so
      // the split-order rule (aid/split-orders.server.ts) never merges them (ADR 048)
      address_key: input.counterId === null ? addressKeyOf(input) : "",
      fulfilment: input.counterId === null ? undefined : "pickup",
      counter_id: input.counterId ?? undefined,
      pickup_code: ids.pickupCode ?? undefined,
      buyer_type: input.buyerType,
      org_name: input.orgName,
      funding_source: input.fundingSource,
      // left out when none, so the row is written as before institutions existed (the
      // migration tests place orders with today's code on older schemas)
      institution_id: options.institutionId ?? undefined,
      invoice_title: input.invoiceTitle,
      tax_id: input.taxId,
      note: input.note,
      subtotal_fen: subtotal,
      shipping_fen: shipping,
      total_fen: subtotal + shipping,
      aid_eligible_fen: aidEligible,
      locale: options.locale,
      payment_gateway: options.gateway,
      expires_at: addMinutes(now, options.ttlMinutes).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return order.id;
}

/**
 * Turns the cart into an order in one transaction: prices re-read from the products, stock
 * taken with a conditional update that can never go below zero, lines frozen with what was
 * sold (name, price, cooperative, county, aid eligibility). Any line that cannot be had
 * rolls the whole thing back and leaves the cart as it was.
 */
export async function placeOrder(db: DB, options: PlaceOrderOptions): Promise<PlacedOrder> {
  const now = options.now ?? new Date();
  const today = shanghaiDate(now);

  const placed = await db.transaction().execute(async (trx) => {
    const buyer = await buyerOfOrder(trx, options.userId ?? null, options.input);
    const items = await readCartItems(trx, options.cartId);
    if (items.length === 0) throw new DomainError("checkout.emptyCart", 409);
    const certs = await readAidCertifications(trx, items);
    const counterId = options.input.counterId ?? null;
    if (counterId === null) await takeStock(trx, items, options.locale, now);
    else await takeFromCounter(trx, counterId, items, options.locale, now);

    const priced = priceLines(items, certs, today, counterId !== null);
    const { token, hash } = newAccessToken();
    const number = await uniqueOrderNumber(trx, now);
    const pickupCode = counterId === null ? null : await uniquePickupCode(trx);
    const orderId = await insertOrder(
      trx,
      { ...options, input: { ...buyer.input, counterId }, institutionId: buyer.institutionId },
      priced,
      { number, accessTokenHash: hash, pickupCode },
      now,
    );
    await insertOrderLines(trx, orderId, priced.lines);
    // the checkout's invoice title and tax number: the order's first invoice request (ADR 043)
    await requestInvoiceAtCheckout(
      trx,
      orderId,
      {
        // an institution's title and tax number come from its profile, like the order's
        title: buyer.input.invoiceTitle,
        taxNumber: buyer.input.taxId,
        buyerType: buyer.input.buyerType,
      },
      now,
    );
    await tellBuyer(trx, orderId, { kind: "placed" }, now);

    await trx.deleteFrom("cart_items").where("cart_id", "=", options.cartId).execute();
    return { id: orderId, number, accessToken: token, totalFen: priced.subtotal + priced.shipping };
  });
  metrics.ordersPlaced.inc({ channel: "online" });
  return placed;
}
