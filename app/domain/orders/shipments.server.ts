// Fulfilment: each paid order is split into one shipment per cooperative. Managers see and
// move only their own cooperative's parcels; the order follows (paid → partially_fulfilled
// → fulfilled), never backwards.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { OrderStatus, ShipmentStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { DomainError } from "../errors";
import { tellBuyer } from "../messages/order-messages.server";
import {
  COLD_CHAIN_SHIP_HOURS,
  isLate,
  OPEN_SHIPMENT_STATUSES,
  SHIPPABLE_ORDER_STATUSES,
  TRACKING_NUMBER_RE,
  type ShipmentFilter,
} from "./shipment-rules";

export { isLate } from "./shipment-rules";

/** The database or a transaction: both are Kysely<Database>. */
type Executor = DB;

export interface Actor {
  id: number | null;
  name: string;
}

const SYSTEM: Actor = { id: null, name: "system" };

const forbidden = () => new DomainError("fulfil.errors.forbidden", 403);

/**
 * One shipment per cooperative among the order's lines; cold chain if any of that
 * cooperative's lines is, and then due `COLD_CHAIN_SHIP_HOURS` after payment. Safe to call
 * again: the (order_id, cooperative_id) unique key turns repeats into no-ops.
 * An order collected at a counter has no parcels: its goods are on the counter's shelf
 * (ADR 048). Returns how many shipments this call created.
 */
export async function createShipmentsForOrder(
  trx: Executor,
  orderId: number,
  paidAt: Date,
): Promise<number> {
  const order = await trx
    .selectFrom("orders")
    .select(["fulfilment", "counter_id"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!order || order.fulfilment === "pickup" || order.counter_id !== null) return 0;
  const groups = await trx
    .selectFrom("order_lines")
    .select((eb) => ["cooperative_id", eb.fn.max<number>("cold_chain").as("cold_chain")])
    .where("order_id", "=", orderId)
    .groupBy("cooperative_id")
    .orderBy("cooperative_id")
    .execute();
  if (!groups.length) return 0;
  const stamp = paidAt.toISOString();
  const shipBy = new Date(paidAt.getTime() + COLD_CHAIN_SHIP_HOURS * 3_600_000).toISOString();
  const results = await trx
    .insertInto("shipments")
    .values(
      groups.map((g) => {
        const cold = Number(g.cold_chain) === 1;
        return {
          order_id: orderId,
          cooperative_id: g.cooperative_id,
          status: "pending" as const,
          cold_chain: cold ? (1 as const) : (0 as const),
          ship_by: cold ? shipBy : null,
          created_at: stamp,
          updated_at: stamp,
        };
      }),
    )
    .onConflict((oc) => oc.columns(["order_id", "cooperative_id"]).doNothing())
    .execute();
  return results.reduce((n, r) => n + Number(r.numInsertedOrUpdatedRows ?? 0n), 0);
}

export interface ListOptions {
  status?: ShipmentFilter;
  now?: Date;
  locale?: Locale;
  page?: number;
  pageSize?: number;
}

type ShipmentQuery = ReturnType<typeof coopShipmentsQuery>;

function coopShipmentsQuery(db: DB, coopId: number) {
  return db
    .selectFrom("shipments as s")
    .innerJoin("orders as o", "o.id", "s.order_id")
    .where("s.cooperative_id", "=", coopId);
}

/** The parcels a filter of the list shows. */
function filtered(base: ShipmentQuery, status: ShipmentFilter, now: Date): ShipmentQuery {
  // Parcels waiting to go out: only of orders still to be shipped (a refund stops them).
  if (status !== "all" && status !== "shipped") {
    base = base.where("o.status", "in", SHIPPABLE_ORDER_STATUSES);
  }
  if (status === "open") return base.where("s.status", "in", OPEN_SHIPMENT_STATUSES);
  if (status === "late") {
    return base
      .where("s.status", "in", OPEN_SHIPMENT_STATUSES)
      .where("s.cold_chain", "=", 1)
      .where("s.ship_by", "<", now.toISOString());
  }
  return status === "all" ? base : base.where("s.status", "=", status);
}

/** Open parcels deadline first, then oldest first; shipped ones newest first. */
function ordered(query: ShipmentQuery, status: ShipmentFilter): ShipmentQuery {
  if (status === "shipped") return query.orderBy("s.shipped_at", "desc");
  if (status === "all") return query.orderBy("s.created_at", "desc");
  return query
    .orderBy(sql`s.ship_by is null`)
    .orderBy("s.ship_by")
    .orderBy("s.created_at");
}

/** What is in each listed parcel: this cooperative's lines of the orders, by order id. */
async function parcelItems(db: DB, coopId: number, orderIds: number[], locale?: Locale) {
  if (!orderIds.length) return [];
  const l = lang(locale);
  return db
    .selectFrom("order_lines")
    .select([
      "order_id",
      sql.ref<string>(`product_name_${l}`).as("name"),
      sql.ref<string>(`unit_${l}`).as("unit"),
      "quantity",
    ])
    .where("order_id", "in", orderIds)
    .where("cooperative_id", "=", coopId)
    .orderBy("id")
    .execute();
}

/**
 * A cooperative's shipments, with what is in each parcel. Open parcels come deadline first
 * (cold chain), then oldest first; shipped ones newest first. Two queries per page.
 */
export async function listCoopShipments(db: DB, coopId: number, options: ListOptions = {}) {
  const status = options.status ?? "open";
  const now = options.now ?? new Date();
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const base = filtered(coopShipmentsQuery(db, coopId), status, now);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), pageCount);
  const rows = await ordered(base, status)
    .select([
      "s.id",
      "s.order_id",
      "s.status",
      "s.cold_chain",
      "s.ship_by",
      "s.carrier",
      "s.tracking_number",
      "s.shipped_at",
      "o.number as order_number",
      "o.contact_name",
      "o.city",
      "o.district",
    ])
    .orderBy("s.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const orderIds = rows.map((r) => r.order_id);
  const items = await parcelItems(db, coopId, orderIds, options.locale);
  const shipments = rows.map((r) => ({
    id: r.id,
    orderNumber: r.order_number,
    contactName: r.contact_name,
    city: r.city,
    district: r.district,
    status: r.status,
    coldChain: r.cold_chain === 1,
    shipBy: r.ship_by,
    late: isLate(r, now),
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
    shippedAt: r.shipped_at,
    items: items
      .filter((i) => i.order_id === r.order_id)
      .map(({ name, unit, quantity }) => ({ name, unit, quantity })),
  }));
  return { status, page, pageCount, total: Number(total), shipments };
}

/** One shipment of this cooperative, with the address and only this cooperative's lines. */
export async function getCoopShipment(
  db: DB,
  coopId: number,
  shipmentId: number,
  options: { now?: Date; locale?: Locale } = {},
) {
  const now = options.now ?? new Date();
  const l = lang(options.locale);
  const s = await coopShipmentsQuery(db, coopId)
    .select([
      "s.id",
      "s.order_id",
      "s.status",
      "s.cold_chain",
      "s.ship_by",
      "s.carrier",
      "s.tracking_number",
      "s.packed_at",
      "s.shipped_at",
      "o.number as order_number",
      "o.status as order_status",
      "o.paid_at",
      "o.contact_name",
      "o.phone",
      "o.province",
      "o.city",
      "o.district",
      "o.street",
      "o.note",
    ])
    .where("s.id", "=", shipmentId)
    .executeTakeFirst();
  if (!s) throw forbidden();
  const lines = await db
    .selectFrom("order_lines")
    .select([
      "id",
      sql.ref<string>(`product_name_${l}`).as("name"),
      sql.ref<string>(`unit_${l}`).as("unit"),
      "image",
      "quantity",
      "cold_chain",
    ])
    .where("order_id", "=", s.order_id)
    .where("cooperative_id", "=", coopId)
    .orderBy("id")
    .execute();
  return {
    id: s.id,
    status: s.status,
    coldChain: s.cold_chain === 1,
    shipBy: s.ship_by,
    late: isLate(s, now),
    carrier: s.carrier,
    trackingNumber: s.tracking_number,
    packedAt: s.packed_at,
    shippedAt: s.shipped_at,
    orderNumber: s.order_number,
    orderStatus: s.order_status,
    paidAt: s.paid_at,
    contactName: s.contact_name,
    phone: s.phone,
    province: s.province,
    city: s.city,
    district: s.district,
    street: s.street,
    note: s.note,
    lines: lines.map(({ cold_chain, ...line }) => ({ ...line, coldChain: cold_chain === 1 })),
  };
}

async function lockedShipment(trx: Executor, coopId: number, shipmentId: number) {
  const row = await trx
    .selectFrom("shipments as s")
    .innerJoin("orders as o", "o.id", "s.order_id")
    .select([
      "s.id",
      "s.order_id",
      "s.status",
      "s.carrier",
      "s.tracking_number",
      "s.packed_at",
      "o.status as order_status",
    ])
    .where("s.id", "=", shipmentId)
    .where("s.cooperative_id", "=", coopId)
    .executeTakeFirst();
  if (!row) throw forbidden();
  return row;
}

/** One line of a parcel's history in the audit log (the system's, without an actor). */
export async function auditShipment(
  trx: Executor,
  entry: {
    actor?: Actor;
    shipmentId: number;
    coopId: number;
    action: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    now: Date;
  },
) {
  const actor = entry.actor ?? SYSTEM;
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: actor.id,
      actor_name: actor.name,
      entity: "shipment",
      entity_id: entry.shipmentId,
      cooperative_id: entry.coopId,
      action: entry.action,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
      why: null,
      at: entry.now.toISOString(),
    })
    .execute();
}

function assertShippable(row: { status: ShipmentStatus; order_status: OrderStatus }) {
  if (row.status === "cancelled" || row.status === "delivered") {
    throw new DomainError(`fulfil.errors.${row.status}`, 409);
  }
  if (!SHIPPABLE_ORDER_STATUSES.includes(row.order_status)) {
    throw new DomainError("fulfil.errors.orderClosed", 409);
  }
}

export type PackOutcome = "packed" | "unchanged";

/** pending → packed. Packing twice changes nothing; a parcel that has left cannot be packed. */
export async function markPacked(
  db: DB,
  input: { coopId: number; shipmentId: number; now?: Date; actor?: Actor },
): Promise<PackOutcome> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await lockedShipment(trx, input.coopId, input.shipmentId);
    if (row.status === "packed") return "unchanged";
    if (row.status === "shipped") throw new DomainError("fulfil.errors.alreadyShipped", 409);
    assertShippable(row);
    const stamp = now.toISOString();
    await trx
      .updateTable("shipments")
      .set({ status: "packed", packed_at: stamp, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .execute();
    await auditShipment(trx, {
      actor: input.actor,
      shipmentId: row.id,
      coopId: input.coopId,
      action: "packed",
      before: { status: row.status },
      after: { status: "packed" },
      now,
    });
    return "packed";
  });
}

export type ShipOutcome = "shipped" | "corrected" | "unchanged";

/**
 * pending/packed → shipped with carrier and tracking number, then the order moves forward
 * in the same transaction. On a parcel already shipped, a different carrier or tracking
 * number is a correction (recorded in the audit log); the same one again is a no-op.
 */
export async function markShipped(
  db: DB,
  input: {
    coopId: number;
    shipmentId: number;
    carrier: string;
    trackingNumber: string;
    now?: Date;
    actor?: Actor;
  },
): Promise<ShipOutcome> {
  const now = input.now ?? new Date();
  const carrier = input.carrier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!carrier || carrier.length > 30) {
    throw new DomainError("fulfil.errors.carrier", 400, {}, "carrier");
  }
  if (!TRACKING_NUMBER_RE.test(trackingNumber)) {
    throw new DomainError("fulfil.errors.trackingNumber", 400, {}, "trackingNumber");
  }
  return db.transaction().execute(async (trx) => {
    const row = await lockedShipment(trx, input.coopId, input.shipmentId);
    const stamp = now.toISOString();
    const before = {
      status: row.status,
      carrier: row.carrier,
      tracking_number: row.tracking_number,
    };
    const after = { status: "shipped", carrier, tracking_number: trackingNumber };
    if (row.status === "shipped") {
      if (row.carrier === carrier && row.tracking_number === trackingNumber) return "unchanged";
      await trx
        .updateTable("shipments")
        .set({ carrier, tracking_number: trackingNumber, updated_at: stamp })
        .where("id", "=", row.id)
        .execute();
      await auditShipment(trx, {
        actor: input.actor,
        shipmentId: row.id,
        coopId: input.coopId,
        action: "tracking_corrected",
        before,
        after,
        now,
      });
      return "corrected";
    }
    assertShippable(row);
    await trx
      .updateTable("shipments")
      .set({
        status: "shipped",
        carrier,
        tracking_number: trackingNumber,
        packed_at: row.packed_at ?? stamp,
        shipped_at: stamp,
        updated_at: stamp,
      })
      .where("id", "=", row.id)
      .where("status", "in", OPEN_SHIPMENT_STATUSES)
      .execute();
    await auditShipment(trx, {
      actor: input.actor,
      shipmentId: row.id,
      coopId: input.coopId,
      action: "shipped",
      before,
      after,
      now,
    });
    await syncOrderFulfilment(trx, row.order_id, now);
    await tellBuyer(trx, row.order_id, { kind: "shipped", shipmentId: row.id }, now);
    return "shipped";
  });
}

/**
 * Moves the order forward from its shipments: some shipped → partially_fulfilled, every
 * (not cancelled) one shipped → fulfilled. Never moves it back, and leaves orders in any
 * other state (completed, refunded, …) alone. Call inside the transaction that changed a
 * shipment.
 */
export async function syncOrderFulfilment(
  trx: Executor,
  orderId: number,
  now: Date,
): Promise<OrderStatus | null> {
  const rows = await trx
    .selectFrom("shipments")
    .select("status")
    .where("order_id", "=", orderId)
    .where("status", "!=", "cancelled")
    .execute();
  const shipped = rows.filter((r) => r.status === "shipped" || r.status === "delivered").length;
  if (shipped === 0) return null;
  const target: OrderStatus = shipped === rows.length ? "fulfilled" : "partially_fulfilled";
  const from: OrderStatus[] = target === "fulfilled" ? ["paid", "partially_fulfilled"] : ["paid"];
  const result = await trx
    .updateTable("orders")
    .set({ status: target, updated_at: now.toISOString() })
    .where("id", "=", orderId)
    .where("status", "in", from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? target : null;
}
