// Tells an order's buyer what happened to it: an SMS to the order's phone (a walk-in may have
// given none) and, when one was given, an e-mail, through the outbox, in the language the
// order was placed in.
//
// Call it inside the transaction that made the change: a change rolled back sends nothing,
// and the order_messages row (unique per order and event) makes a replayed webhook, a second
// click or a retried job send nothing new.
import type { DB } from "#db/connection";
import { outboxMailer, type Mailer } from "~/domain/auth/mailer.server";
import { asLocale, type Locale } from "~/i18n/config";
import { publicOrigin } from "~/utils/env.server";
import { eventKey, orderMessage, type MessageFacts, type OrderEvent } from "./order-templates";

/** Where and with what code a pickup order is collected (ADR 048); nothing for a delivery. */
async function pickupFacts(trx: DB, orderId: number, en: boolean): Promise<Partial<MessageFacts>> {
  const row = await trx
    .selectFrom("orders as o")
    .innerJoin("counters as c", "c.id", "o.counter_id")
    .select([
      "o.pickup_code",
      "c.name_zh",
      "c.name_en",
      "c.address_zh",
      "c.address_en",
      "c.hours_zh",
      "c.hours_en",
    ])
    .where("o.id", "=", orderId)
    .where("o.fulfilment", "=", "pickup")
    .executeTakeFirst();
  if (!row?.pickup_code) return {};
  return {
    pickup: {
      code: row.pickup_code,
      counter: en ? row.name_en : row.name_zh,
      address: en ? row.address_en : row.address_zh,
      hours: en ? row.hours_en : row.hours_zh,
    },
  };
}

async function eventFacts(
  trx: DB,
  orderId: number,
  event: OrderEvent,
  locale: Locale,
): Promise<Partial<MessageFacts>> {
  const en = locale === "en";
  switch (event.kind) {
    case "paid":
      return pickupFacts(trx, orderId, en);
    case "shipped":
    case "delivered": {
      const parcel = await trx
        .selectFrom("shipments as s")
        .innerJoin("cooperatives as c", "c.id", "s.cooperative_id")
        .select(["c.name_zh", "c.name_en", "s.carrier", "s.tracking_number"])
        .where("s.id", "=", event.shipmentId)
        .executeTakeFirstOrThrow();
      return {
        cooperative: en ? parcel.name_en : parcel.name_zh,
        carrier: parcel.carrier,
        trackingNumber: parcel.tracking_number,
      };
    }
    case "refunded": {
      const refund = await trx
        .selectFrom("refunds")
        .select(["amount_fen", "reason"])
        .where("id", "=", event.refundId)
        .executeTakeFirstOrThrow();
      return { amountFen: refund.amount_fen, reason: refund.reason };
    }
    case "after_sales": {
      const request = await trx
        .selectFrom("after_sales_requests as r")
        .innerJoin("order_lines as l", "l.id", "r.order_line_id")
        .select([
          "l.product_name_zh",
          "l.product_name_en",
          "l.unit_price_fen",
          "r.quantity",
          "r.decision_reason",
        ])
        .where("r.id", "=", event.requestId)
        .executeTakeFirstOrThrow();
      return {
        product: en ? request.product_name_en : request.product_name_zh,
        amountFen: request.unit_price_fen * request.quantity,
        reason: request.decision_reason ?? "",
      };
    }
    case "invoice_issued": {
      const invoice = await trx
        .selectFrom("invoice_requests")
        .select(["invoice_number", "amount_fen"])
        .where("id", "=", event.requestId)
        .executeTakeFirstOrThrow();
      return { invoiceNumber: invoice.invoice_number ?? "", amountFen: invoice.amount_fen ?? 0 };
    }
    case "collected": {
      const place = await trx
        .selectFrom("orders as o")
        .innerJoin("counters as c", "c.id", "o.counter_id")
        .select(["c.name_zh", "c.name_en"])
        .where("o.id", "=", orderId)
        .executeTakeFirst();
      return place ? { counter: en ? place.name_en : place.name_zh } : {};
    }
    default:
      return {};
  }
}

/**
 * The order's address for the message. The server validated its settings at start; a
 * script that places orders without them (the demo seed) gets the path alone.
 */
let origin: string | undefined;
function orderLink(number: string): string {
  if (origin === undefined) {
    try {
      origin = publicOrigin();
    } catch {
      origin = "";
    }
  }
  return `${origin}/orders/${number}`;
}

/**
 * Writes the event's messages to the outbox unless they were written before. Returns
 * whether anything was written.
 */
export async function tellBuyer(
  trx: DB,
  orderId: number,
  event: OrderEvent,
  now = new Date(),
  mailer: Mailer = outboxMailer,
): Promise<boolean> {
  const order = await trx
    .selectFrom("orders")
    .select(["number", "phone", "email", "locale", "total_fen"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  const locale = asLocale(order.locale);
  const inserted = await trx
    .insertInto("order_messages")
    .values({
      order_id: orderId,
      event_key: eventKey(event),
      locale,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (!inserted.numInsertedOrUpdatedRows) return false;
  const facts = await eventFacts(trx, orderId, event, locale);
  const text = orderMessage(
    event,
    {
      number: order.number,
      link: orderLink(order.number),
      totalFen: order.total_fen,
      ...facts,
    },
    locale,
  );
  // a walk-in at a counter's till may have given no phone (ADR 050)
  if (order.phone) {
    await mailer.send(trx, {
      channel: "sms",
      to: order.phone,
      subject: text.subject,
      body: text.sms,
    });
  }
  if (order.email) {
    await mailer.send(trx, {
      channel: "email",
      to: order.email,
      subject: text.subject,
      body: text.email,
    });
  }
  return true;
}
