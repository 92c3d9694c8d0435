import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { DomainError, NotFoundError } from "../errors";
import { closeUnpaidOrder, effectiveStatus } from "./expiry.server";
import { orderShipments } from "./order-parcels.server";
import { tokenMatches } from "./order-number";

export interface OrderAccess {
  /** the token from the link in the confirmation, if any */
  token?: string | null;
  /** order numbers this browser has proven it may see (signed cookie) */
  granted?: readonly string[];
}

/**
 * Finds the order if the viewer may see it. A wrong token and a missing order look the
 * same from outside, so order numbers cannot be probed.
 */
export async function findViewableOrder(db: DB, number: string, access: OrderAccess) {
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "access_token_hash"])
    .where("number", "=", number)
    .executeTakeFirst();
  if (!order) throw new NotFoundError("order");
  const byToken = access.token ? tokenMatches(access.token, order.access_token_hash) : false;
  const byGrant = access.granted?.includes(order.number) ?? false;
  if (!byToken && !byGrant) throw new NotFoundError("order");
  return { id: order.id, number: order.number };
}

type OrderRow = Awaited<ReturnType<typeof orderRow>>;

function orderRow(db: DB, orderId: number) {
  return db
    .selectFrom("orders")
    .select([
      "id",
      "number",
      "status",
      "contact_name",
      "phone",
      "email",
      "province",
      "city",
      "district",
      "street",
      "buyer_type",
      "org_name",
      "funding_source",
      "invoice_title",
      "tax_id",
      "subtotal_fen",
      "shipping_fen",
      "total_fen",
      "aid_eligible_fen",
      "payment_gateway",
      "expires_at",
      "paid_at",
      "closed_at",
      "created_at",
      "note",
    ])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
}

/** The order's lines as they were sold (names, prices and origin are snapshots). */
async function orderLines(db: DB, orderId: number, locale: Locale) {
  const l = lang(locale);
  const lines = await db
    .selectFrom("order_lines as o")
    .leftJoin("counties as y", "y.code", "o.county_code")
    .select([
      "o.id",
      "o.product_slug",
      sql.ref<string>(`o.product_name_${l}`).as("name"),
      sql.ref<string>(`o.unit_${l}`).as("unit"),
      "o.image",
      "o.unit_price_fen",
      "o.quantity",
      "o.line_total_fen",
      "o.cooperative_name_zh",
      "o.cold_chain",
      "o.aid_eligible",
      sql.ref<string | null>(`y.name_${l}`).as("county_name"),
      sql.ref<string | null>(`y.paired_district_${l}`).as("paired_district"),
    ])
    .where("o.order_id", "=", orderId)
    .orderBy("o.id")
    .execute();
  return lines.map((line) => ({
    id: line.id,
    productSlug: line.product_slug,
    name: line.name,
    unit: line.unit,
    image: line.image,
    unitPriceFen: line.unit_price_fen,
    quantity: line.quantity,
    lineTotalFen: line.line_total_fen,
    cooperativeNameZh: line.cooperative_name_zh,
    coldChain: line.cold_chain === 1,
    aidEligible: line.aid_eligible === 1,
    countyName: line.county_name,
    pairedDistrict: line.paired_district,
  }));
}

/** The parcels of a paid order; before payment there are none to ask for. */
async function orderParcels(db: DB, order: OrderRow, locale: Locale) {
  if (!order.paid_at) return [];
  const shipments = await orderShipments(db, order.id, locale);
  return shipments.map((s) => ({
    id: s.id,
    cooperativeId: s.cooperative_id,
    cooperativeName: s.cooperative_name,
    cooperativeSlug: s.cooperative_slug,
    status: s.status,
    coldChain: s.cold_chain,
    carrier: s.carrier,
    trackingNumber: s.tracking_number,
    shippedAt: s.shipped_at,
    deliveredAt: s.delivered_at,
    updatedAt: s.updated_at,
    lines: s.lines,
  }));
}

export async function getOrderDetail(db: DB, orderId: number, locale: Locale, now = new Date()) {
  const order = await orderRow(db, orderId);
  const [lines, shipments] = await Promise.all([
    orderLines(db, orderId, locale),
    orderParcels(db, order, locale),
  ]);
  return {
    id: order.id,
    number: order.number,
    status: effectiveStatus(order, now),
    contactName: order.contact_name,
    phone: order.phone,
    phoneMasked: maskPhone(order.phone),
    email: order.email,
    province: order.province,
    city: order.city,
    district: order.district,
    street: order.street,
    buyerType: order.buyer_type,
    orgName: order.org_name,
    fundingSource: order.funding_source,
    invoiceTitle: order.invoice_title,
    taxId: order.tax_id,
    subtotalFen: order.subtotal_fen,
    shippingFen: order.shipping_fen,
    totalFen: order.total_fen,
    aidEligibleFen: order.aid_eligible_fen,
    paymentGateway: order.payment_gateway,
    expiresAt: order.expires_at,
    paidAt: order.paid_at,
    closedAt: order.closed_at,
    createdAt: order.created_at,
    note: order.note,
    lines,
    shipments,
  };
}

/**
 * What paying needs to know of an order and nothing more (one indexed read), for the
 * payment pages' actions: the full detail reads lines and parcels too.
 */
export async function orderPaymentState(db: DB, orderId: number, now = new Date()) {
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "status", "expires_at", "payment_gateway"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  return {
    id: order.id,
    number: order.number,
    status: effectiveStatus(order, now),
    paymentGateway: order.payment_gateway,
  };
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** Wrong guesses allowed per order number, and per address, in the window. */
export const LOOKUP_NUMBER_LIMIT = 5;
export const LOOKUP_IP_LIMIT = 20;
export const LOOKUP_WINDOW_MINUTES = 15;

/**
 * Guest lookup: the number and the phone it was placed with must both match. Wrong guesses
 * are stored (with the login attempts) and limited per order number and per address, so
 * nobody can try phone numbers against an order until one fits.
 */
export async function lookupOrder(
  db: DB,
  number: string,
  phone: string,
  ip = "unknown",
  now = new Date(),
): Promise<string> {
  const since = new Date(now.getTime() - LOOKUP_WINDOW_MINUTES * 60_000).toISOString();
  const failures = async (column: "account_key" | "ip", value: string) => {
    const row = await db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(column, "=", value)
      .where("succeeded", "=", 0)
      .where("at", ">", since)
      .$if(column === "ip", (q) => q.where("account_key", "like", "lookup:%"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const key = `lookup:${number}`;
  if (
    (await failures("account_key", key)) >= LOOKUP_NUMBER_LIMIT ||
    (await failures("ip", ip)) >= LOOKUP_IP_LIMIT
  ) {
    throw new DomainError("lookup.locked", 429, { minutes: LOOKUP_WINDOW_MINUTES });
  }
  const order = await db
    .selectFrom("orders")
    .select("number")
    .where("number", "=", number)
    .where("phone", "=", phone)
    .executeTakeFirst();
  await db
    .insertInto("login_attempts")
    .values({ account_key: key, ip, succeeded: order ? 1 : 0, at: now.toISOString() })
    .execute();
  if (!order) throw new DomainError("lookup.notFound", 404);
  return order.number;
}

export async function cancelUnpaidOrder(db: DB, orderId: number, now = new Date()): Promise<void> {
  const done = await db
    .transaction()
    .execute((trx) => closeUnpaidOrder(trx, orderId, "cancelled", now));
  if (!done) throw new DomainError("order.notCancellable", 409);
}
