// Transfers from a cooperative to a Nanjing counter (ADR 049). The cooperative sends: its
// products' stock is taken (never below zero) in the transaction that writes the transfer.
// The counter receives: the clerk says how many of each line arrived, a difference needs a
// reason, and in one transaction the transfer is received, the counter's shelf gains what
// arrived and each difference is written to counter_stock_adjustments (kind 'transfer').
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { DomainError } from "../errors";
import { returnCounterStock } from "./counter-stock.server";
import type { Staff } from "./handover.server";
import { TRANSFER_MAX_LINE, type ReceivedLine, type TransferLineInput } from "./desk-input";

/**
 * Sends a transfer from a cooperative to a counter: every line's stock taken with a
 * conditional update, refused whole (nothing taken, nothing written) when a line is short.
 */
export async function sendTransfer(
  db: DB,
  input: {
    coopId: number;
    counterId: number;
    lines: readonly TransferLineInput[];
    note: string | null;
    by: Staff;
    now?: Date;
  },
): Promise<number> {
  const at = (input.now ?? new Date()).toISOString();
  const lines = input.lines.filter((l) => l.quantity > 0);
  if (lines.length === 0) throw new DomainError("counterDesk.transfer.noLines", 400, {}, "lines");
  if (new Set(lines.map((l) => l.productId)).size !== lines.length) {
    throw new DomainError("counterDesk.transfer.noLines", 400, {}, "lines");
  }
  return db.transaction().execute(async (trx) => {
    const counter = await trx
      .selectFrom("counters")
      .select("id")
      .where("id", "=", input.counterId)
      .executeTakeFirst();
    if (!counter) throw new DomainError("counterDesk.transfer.unknownCounter", 400, {}, "counter");
    for (const line of lines) await takeProductStock(trx, input.coopId, line, at);
    const transfer = await trx
      .insertInto("counter_transfers")
      .values({
        counter_id: input.counterId,
        cooperative_id: input.coopId,
        status: "sent",
        note: input.note,
        sent_by: input.by.id,
        sent_by_name: input.by.name,
        sent_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("counter_transfer_lines")
      .values(
        lines.map((l) => ({
          transfer_id: transfer.id,
          product_id: l.productId,
          quantity_sent: l.quantity,
        })),
      )
      .execute();
    return transfer.id;
  });
}

/** Takes one line from the cooperative's own active product, never below zero. */
async function takeProductStock(trx: DB, coopId: number, line: TransferLineInput, at: string) {
  const product = await trx
    .selectFrom("products")
    .select(["stock"])
    .where("id", "=", line.productId)
    .where("cooperative_id", "=", coopId)
    .where("status", "=", "active")
    .executeTakeFirst();
  const field = `qty-${line.productId}`;
  if (!product) throw new DomainError("counterDesk.transfer.unknownProduct", 400, {}, field);
  if (line.quantity > TRANSFER_MAX_LINE) {
    throw new DomainError("counterDesk.transfer.tooMany", 400, {}, field);
  }
  const taken = await trx
    .updateTable("products")
    .set((eb) => ({ stock: eb("stock", "-", line.quantity), updated_at: at }))
    .where("id", "=", line.productId)
    .where("cooperative_id", "=", coopId)
    .where("stock", ">=", line.quantity)
    .executeTakeFirst();
  if (taken.numUpdatedRows === 0n) {
    throw new DomainError(
      "counterDesk.transfer.notEnoughStock",
      409,
      { stock: product.stock },
      field,
    );
  }
}

/**
 * Receives a transfer sent to this counter. `received` gives each line's quantity (a line
 * left out arrived as sent) and, where it differs, the reason. Another counter's transfer
 * is not found; one already received is refused.
 */
export async function receiveTransfer(
  db: DB,
  input: {
    counterId: number;
    transferId: number;
    received: readonly ReceivedLine[];
    by: Staff;
    now?: Date;
  },
): Promise<{ differences: number }> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("counter_transfers")
      .set({
        status: "received",
        received_by: input.by.id,
        received_by_name: input.by.name,
        received_at: at,
      })
      .where("id", "=", input.transferId)
      .where("counter_id", "=", input.counterId)
      .where("status", "=", "sent")
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const transfer = await trx
        .selectFrom("counter_transfers")
        .select("status")
        .where("id", "=", input.transferId)
        .where("counter_id", "=", input.counterId)
        .executeTakeFirst();
      if (!transfer) throw new DomainError("counterDesk.errors.transferNotFound", 404);
      throw new DomainError("counterDesk.errors.alreadyReceived", 409);
    }
    const lines = await trx
      .selectFrom("counter_transfer_lines")
      .select(["product_id", "quantity_sent"])
      .where("transfer_id", "=", input.transferId)
      .execute();
    const given = new Map(input.received.map((r) => [r.productId, r]));
    let differences = 0;
    for (const line of lines) {
      const entry = given.get(line.product_id);
      const arrived = {
        quantity: entry?.quantity ?? line.quantity_sent,
        reason: entry?.reason ?? "",
      };
      if (await receiveLine(trx, input, line, arrived, now)) differences++;
    }
    return { differences };
  });
}

/** One line of a transfer received: its quantity, the shelf, a difference. True if it differed. */
async function receiveLine(
  trx: DB,
  input: { counterId: number; transferId: number; by: Staff },
  line: { product_id: number; quantity_sent: number },
  arrived: { quantity: number; reason: string },
  now: Date,
): Promise<boolean> {
  const { quantity } = arrived;
  const reason = arrived.reason.trim();
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > TRANSFER_MAX_LINE) {
    throw new DomainError("counterDesk.receive.badQuantity", 400, {}, `qty-${line.product_id}`);
  }
  const differs = quantity !== line.quantity_sent;
  if (differs && !reason) {
    throw new DomainError("counterDesk.receive.reasonNeeded", 400, {}, `reason-${line.product_id}`);
  }
  await trx
    .updateTable("counter_transfer_lines")
    .set({ quantity_received: quantity })
    .where("transfer_id", "=", input.transferId)
    .where("product_id", "=", line.product_id)
    .execute();
  if (quantity > 0) {
    await returnCounterStock(
      trx,
      input.counterId,
      [{ product_id: line.product_id, quantity }],
      now,
    );
  }
  if (!differs) return false;
  await trx
    .insertInto("counter_stock_adjustments")
    .values({
      counter_id: input.counterId,
      product_id: line.product_id,
      kind: "transfer",
      transfer_id: input.transferId,
      expected: line.quantity_sent,
      counted: quantity,
      difference: quantity - line.quantity_sent,
      reason,
      by_user: input.by.id,
      by_name: input.by.name,
      at: now.toISOString(),
    })
    .execute();
  return true;
}

export interface TransferView {
  id: number;
  status: "sent" | "received";
  counterName: string;
  cooperativeName: string;
  note: string | null;
  sentByName: string;
  sentAt: string;
  receivedByName: string | null;
  receivedAt: string | null;
  lines: Array<{
    productId: number;
    name: string;
    unit: string;
    sent: number;
    received: number | null;
    reason: string | null;
  }>;
}

/** Transfers with their lines and any reasons given, newest first. */
async function transfers(
  db: DB,
  scope: { counterId?: number; coopId?: number },
  locale: Locale,
): Promise<TransferView[]> {
  const en = locale === "en";
  let query = db
    .selectFrom("counter_transfers as t")
    .innerJoin("counters as c", "c.id", "t.counter_id")
    .innerJoin("cooperatives as p", "p.id", "t.cooperative_id")
    .select([
      "t.id",
      "t.status",
      "t.note",
      "t.sent_by_name",
      "t.sent_at",
      "t.received_by_name",
      "t.received_at",
      "c.name_zh as counter_zh",
      "c.name_en as counter_en",
      "p.name_zh as coop_zh",
      "p.name_en as coop_en",
    ]);
  if (scope.counterId !== undefined) query = query.where("t.counter_id", "=", scope.counterId);
  if (scope.coopId !== undefined) query = query.where("t.cooperative_id", "=", scope.coopId);
  const rows = await query.orderBy("t.sent_at", "desc").orderBy("t.id", "desc").limit(50).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const lines = await db
    .selectFrom("counter_transfer_lines as l")
    .innerJoin("products as p", "p.id", "l.product_id")
    .select([
      "l.transfer_id",
      "l.product_id",
      "l.quantity_sent",
      "l.quantity_received",
      "p.name_zh",
      "p.name_en",
      "p.unit_zh",
      "p.unit_en",
    ])
    .where("l.transfer_id", "in", ids)
    .orderBy("p.name_zh")
    .execute();
  const reasons = await db
    .selectFrom("counter_stock_adjustments")
    .select(["transfer_id", "product_id", "reason"])
    .where("kind", "=", "transfer")
    .where("transfer_id", "in", ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    counterName: en ? r.counter_en : r.counter_zh,
    cooperativeName: en ? r.coop_en : r.coop_zh,
    note: r.note,
    sentByName: r.sent_by_name,
    sentAt: r.sent_at,
    receivedByName: r.received_by_name,
    receivedAt: r.received_at,
    lines: lines
      .filter((l) => l.transfer_id === r.id)
      .map((l) => ({
        productId: l.product_id,
        name: en ? l.name_en : l.name_zh,
        unit: en ? l.unit_en : l.unit_zh,
        sent: l.quantity_sent,
        received: l.quantity_received,
        reason:
          reasons.find((a) => a.transfer_id === r.id && a.product_id === l.product_id)?.reason ??
          null,
      })),
  }));
}

/** The transfers sent to this counter: those to receive, then those received. */
export async function counterTransfers(db: DB, counterId: number, locale: Locale) {
  const all = await transfers(db, { counterId }, locale);
  return {
    toReceive: all.filter((t) => t.status === "sent"),
    received: all.filter((t) => t.status === "received"),
  };
}

/** A cooperative's transfers to the counters, newest first. */
export function coopTransfers(db: DB, coopId: number, locale: Locale) {
  return transfers(db, { coopId }, locale);
}

/** What a cooperative can send: its active products (gift boxes aside) with their stock. */
export async function transferableProducts(db: DB, coopId: number, locale: Locale) {
  const rows = await db
    .selectFrom("products as p")
    .select(["p.id", "p.name_zh", "p.name_en", "p.unit_zh", "p.unit_en", "p.stock"])
    .where("p.cooperative_id", "=", coopId)
    .where("p.status", "=", "active")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("product_components as b")
            .select("b.bundle_product_id")
            .whereRef("b.bundle_product_id", "=", "p.id"),
        ),
      ),
    )
    .orderBy("p.name_zh")
    .execute();
  const en = locale === "en";
  return rows.map((r) => ({
    id: r.id,
    name: en ? r.name_en : r.name_zh,
    unit: en ? r.unit_en : r.unit_zh,
    stock: r.stock,
  }));
}

/** The quantities sent on a transfer to this counter, by product (404 for another counter's). */
export async function quantitiesSent(
  db: DB,
  counterId: number,
  transferId: number,
): Promise<Map<number, number>> {
  const lines = await db
    .selectFrom("counter_transfer_lines as l")
    .innerJoin("counter_transfers as t", "t.id", "l.transfer_id")
    .select(["l.product_id", "l.quantity_sent"])
    .where("t.id", "=", transferId)
    .where("t.counter_id", "=", counterId)
    .execute();
  if (lines.length === 0) throw new DomainError("counterDesk.errors.transferNotFound", 404);
  return new Map(lines.map((l) => [l.product_id, l.quantity_sent]));
}
