// The counter desk's pickups (ADR 049): finding a pickup order of this counter by its pickup
// code or the buyer's phone, handing it over, and the list of orders still waiting. Every
// query is scoped to the staff member's own counter, so another counter's orders are never
// found, shown or handed over.
import type { DB } from "#db/connection";
import type { OrderStatus } from "#db/schema";
import { tellBuyer } from "~/domain/messages/order-messages.server";
import { maskPhone } from "~/domain/orders/orders.server";
import type { Locale } from "~/i18n/config";
import { DomainError } from "../errors";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many orders one search shows (a phone may have placed several). */
const SEARCH_LIMIT = 20;

export interface Staff {
  id: number;
  name: string;
}

/** What the clerk typed, read as a phone number (11 digits) and as a pickup code. */
export function readQuery(text: string): { phone: string | null; code: string } {
  const compact = text.replace(/[\s-]/g, "");
  return { phone: /^1\d{10}$/.test(compact) ? compact : null, code: compact.toUpperCase() };
}

/** A pickup order as the desk shows it: no full phone, no address. */
export interface PickupOrder {
  id: number;
  number: string;
  status: OrderStatus;
  paid: boolean;
  buyerName: string;
  phoneMasked: string;
  pickupCode: string | null;
  totalFen: number;
  paidAt: string | null;
  collectedAt: string | null;
  collectedByName: string | null;
  lines: Array<{ name: string; unit: string; quantity: number }>;
}

/** Pickup orders of this counter whose pickup code or phone is what the clerk typed. */
export async function findPickupOrders(
  db: DB,
  counterId: number,
  query: string,
  locale: Locale,
): Promise<PickupOrder[]> {
  const { phone, code } = readQuery(query);
  if (!code) return [];
  const orders = await db
    .selectFrom("orders")
    .select([
      "id",
      "number",
      "status",
      "contact_name",
      "phone",
      "pickup_code",
      "total_fen",
      "paid_at",
      "collected_at",
      "collected_by_name",
    ])
    .where("counter_id", "=", counterId)
    .where("fulfilment", "=", "pickup")
    .where((eb) =>
      phone
        ? eb.or([eb("pickup_code", "=", code), eb("phone", "=", phone)])
        : eb("pickup_code", "=", code),
    )
    .orderBy("id", "desc")
    .limit(SEARCH_LIMIT)
    .execute();
  if (orders.length === 0) return [];
  const lines = await db
    .selectFrom("order_lines")
    .select(["order_id", "product_name_zh", "product_name_en", "unit_zh", "unit_en", "quantity"])
    .where(
      "order_id",
      "in",
      orders.map((o) => o.id),
    )
    .orderBy("id")
    .execute();
  const en = locale === "en";
  return orders.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status,
    paid: o.paid_at !== null,
    buyerName: o.contact_name,
    phoneMasked: maskPhone(o.phone),
    pickupCode: o.pickup_code,
    totalFen: o.total_fen,
    paidAt: o.paid_at,
    collectedAt: o.collected_at,
    collectedByName: o.collected_by_name,
    lines: lines
      .filter((l) => l.order_id === o.id)
      .map((l) => ({
        name: en ? l.product_name_en : l.product_name_zh,
        unit: en ? l.unit_en : l.unit_zh,
        quantity: l.quantity,
      })),
  }));
}

/**
 * Hands a paid pickup order of this counter to its buyer: one conditional update (paid,
 * this counter's, not yet collected) makes it fulfilled with who and when, then the audit
 * row and the buyer's message, all in one transaction. Anything else is a DomainError
 * saying why: not found (or another counter's), not paid, closed, or already collected.
 */
export async function handOver(
  db: DB,
  input: { counterId: number; orderId: number; staff: Staff; now?: Date },
): Promise<{ number: string }> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("orders")
      .set({
        status: "fulfilled",
        collected_at: at,
        collected_by: input.staff.id,
        collected_by_name: input.staff.name,
        updated_at: at,
      })
      .where("id", "=", input.orderId)
      .where("counter_id", "=", input.counterId)
      .where("fulfilment", "=", "pickup")
      .where("status", "=", "paid")
      .where("collected_at", "is", null)
      .returning(["number"])
      .executeTakeFirst();
    if (!updated) await refuseHandover(trx, input.counterId, input.orderId);
    const number = updated!.number;
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: input.staff.id,
        actor_name: input.staff.name,
        entity: "order",
        entity_id: input.orderId,
        cooperative_id: null,
        action: "counter.handover",
        before: JSON.stringify({ status: "paid", collected_at: null }),
        after: JSON.stringify({
          status: "fulfilled",
          collected_at: at,
          counter_id: input.counterId,
        }),
        why: null,
        at,
      })
      .execute();
    await tellBuyer(trx, input.orderId, { kind: "collected" }, now);
    return { number };
  });
}

/** Why an order could not be handed over (always throws). */
async function refuseHandover(trx: DB, counterId: number, orderId: number): Promise<never> {
  const order = await trx
    .selectFrom("orders")
    .select(["number", "status", "collected_at", "collected_by_name"])
    .where("id", "=", orderId)
    .where("counter_id", "=", counterId)
    .where("fulfilment", "=", "pickup")
    .executeTakeFirst();
  if (!order) throw new DomainError("counterDesk.errors.orderNotFound", 404);
  if (order.collected_at) {
    throw new DomainError("counterDesk.errors.alreadyCollected", 409, {
      number: order.number,
      name: order.collected_by_name ?? "",
    });
  }
  if (order.status === "pending_payment") {
    throw new DomainError("counterDesk.errors.unpaid", 409, { number: order.number });
  }
  throw new DomainError("counterDesk.errors.notCollectable", 409, {
    number: order.number,
    status: order.status,
  });
}

/** Paid pickup orders of this counter not yet collected, oldest first, with days waiting. */
export async function waitingForPickup(db: DB, counterId: number, now = new Date()) {
  const rows = await db
    .selectFrom("orders")
    .select(["id", "number", "contact_name", "phone", "pickup_code", "paid_at"])
    .where("counter_id", "=", counterId)
    .where("fulfilment", "=", "pickup")
    .where("status", "=", "paid")
    .where("collected_at", "is", null)
    .orderBy("paid_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    buyerName: r.contact_name,
    phoneMasked: maskPhone(r.phone),
    pickupCode: r.pickup_code,
    paidAt: r.paid_at,
    daysWaiting: r.paid_at
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(r.paid_at)) / DAY_MS))
      : 0,
  }));
}
