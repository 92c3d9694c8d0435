// After-sales: a buyer asks for a refund or a return of one order line; the line's
// cooperative may add a note; the platform admin decides. An approval goes through the
// store's one refund path (requestRefund → gateway → applyRefundEvent: ledger reversal,
// order status, stock, parcels); a rejection records why. The buyer is told either way.
import crypto from "node:crypto";
import type { DB } from "#db/connection";
import type { AfterSalesKind } from "#db/schema";
import { discardImages, inspectImage, writeImageFiles } from "../coop/images.server";
import { DomainError, NotFoundError } from "../errors";
import { tellBuyer } from "../messages/order-messages.server";
import { refundableLines } from "../orders/refund-lines.server";
import { requestRefund, type RefundActor, type RefundResult } from "../orders/refunds.server";
import type { PaymentGateway } from "../payments/gateway";
import { fileStore, type FileStore } from "../storage/file-store.server";
import { AFTER_SALES_ORDER_STATUSES, MAX_PHOTOS, type AfterSalesReason } from "./after-sales-rules";

export interface AskInput {
  orderId: number;
  lineId: number;
  kind: AfterSalesKind;
  reason: AfterSalesReason;
  details: string;
  quantity: number;
  userId: number | null;
  /** pictures of the goods, checked like product pictures */
  photos?: Uint8Array[];
  now?: Date;
  /** where the photos go (tests); the server's configured store otherwise */
  store?: FileStore;
}

/** Checks and stores the photos first (all or none), returning their keys. */
async function storePhotos(photos: Uint8Array[], store: FileStore): Promise<string[]> {
  if (photos.length > MAX_PHOTOS) {
    throw new DomainError("afterSales.errors.tooManyPhotos", 400, { max: MAX_PHOTOS }, "photos");
  }
  const keys: string[] = [];
  try {
    for (const bytes of photos) {
      try {
        await inspectImage(bytes);
      } catch (error) {
        if (error instanceof DomainError) {
          throw new DomainError("afterSales.errors.photo", 400, {}, "photos");
        }
        throw error;
      }
      const key = crypto.randomBytes(16).toString("hex");
      await writeImageFiles(bytes, store, key);
      keys.push(key);
    }
  } catch (error) {
    await discardImages(
      store,
      keys.map((key) => ({ key })),
    );
    throw error;
  }
  return keys;
}

/**
 * Opens a request on one line of an order the caller may see (the route checked that).
 * The order must be paid (or further), the quantity within what is not yet refunded, and
 * the line must have no other open request (also held by a unique index under races).
 */
export async function askAfterSales(db: DB, input: AskInput): Promise<number> {
  const now = input.now ?? new Date();
  // the store is settled only when there are photos (scripts ask without any)
  const photos = input.photos ?? [];
  const store = photos.length ? (input.store ?? fileStore(db)) : null;
  const keys = store ? await storePhotos(photos, store) : [];
  try {
    return await db.transaction().execute(async (trx) => {
      const order = await trx
        .selectFrom("orders")
        .select(["id", "status"])
        .where("id", "=", input.orderId)
        .executeTakeFirst();
      if (!order) throw new NotFoundError("order");
      if (!AFTER_SALES_ORDER_STATUSES.includes(order.status)) {
        throw new DomainError("afterSales.errors.notPaid", 409);
      }
      const line = (await refundableLines(trx, order.id)).find((l) => l.id === input.lineId);
      if (!line) throw new DomainError("afterSales.errors.line", 400, {}, "lineId");
      if (input.quantity < 1 || input.quantity > line.refundableQuantity) {
        throw new DomainError(
          "afterSales.errors.quantity",
          400,
          { max: line.refundableQuantity },
          "quantity",
        );
      }
      const open = await trx
        .selectFrom("after_sales_requests")
        .select("id")
        .where("order_line_id", "=", line.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (open) throw new DomainError("afterSales.errors.alreadyOpen", 409);
      const stamp = now.toISOString();
      const row = await trx
        .insertInto("after_sales_requests")
        .values({
          order_id: order.id,
          order_line_id: line.id,
          cooperative_id: line.cooperativeId,
          kind: input.kind,
          reason_code: input.reason,
          details: input.details.trim(),
          quantity: input.quantity,
          status: "open",
          requested_by: input.userId,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (keys.length) {
        await trx
          .insertInto("after_sales_photos")
          .values(keys.map((image_key, sort) => ({ request_id: row.id, image_key, sort })))
          .execute();
      }
      return row.id;
    });
  } catch (error) {
    if (store)
      await discardImages(
        store,
        keys.map((key) => ({ key })),
      );
    throw error;
  }
}

/** The cooperative's word on a request about one of its own lines (replaces an earlier one). */
export async function addCoopNote(
  db: DB,
  input: { coopId: number; requestId: number; note: string; by: string; now?: Date },
): Promise<void> {
  const stamp = (input.now ?? new Date()).toISOString();
  const result = await db
    .updateTable("after_sales_requests")
    .set({ coop_note: input.note.trim(), coop_note_by: input.by, coop_note_at: stamp })
    .where("id", "=", input.requestId)
    .where("cooperative_id", "=", input.coopId)
    .executeTakeFirst();
  if (!result.numUpdatedRows) throw new DomainError("fulfil.errors.forbidden", 403);
}

async function openRequest(db: DB, requestId: number) {
  const row = await db
    .selectFrom("after_sales_requests")
    .select(["id", "order_id", "order_line_id", "quantity", "status", "reason_code", "details"])
    .where("id", "=", requestId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("afterSales");
  if (row.status !== "open") throw new DomainError("afterSales.errors.decided", 409);
  return row;
}

type Decision =
  { status: "approved"; refund_id: number } | { status: "rejected"; decision_reason: string };

/**
 * Closes a request that is still open with the decision, and tells the buyer; a request
 * decided meanwhile is left as it is and nobody is told twice.
 */
async function decide(
  trx: DB,
  request: { id: number; order_id: number },
  decision: Decision,
  actor: RefundActor,
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  const moved = await trx
    .updateTable("after_sales_requests")
    .set({ ...decision, decided_by: actor.name, decided_at: stamp, updated_at: stamp })
    .where("id", "=", request.id)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (!moved.numUpdatedRows) return;
  await tellBuyer(
    trx,
    request.order_id,
    { kind: "after_sales", requestId: request.id, decision: decision.status },
    now,
  );
}

export interface ApproveInput {
  requestId: number;
  actor: RefundActor;
  /** the goods came back: put the quantity back on the shelf */
  restock: boolean;
  gatewayFor: (name: string) => PaymentGateway;
  now?: Date;
}

/**
 * Approves an open request: refunds its line and quantity through requestRefund (the same
 * path an admin's refund takes), then marks the request approved with the refund and
 * tells the buyer. A gateway that says no leaves the request open, with the reason.
 * A second approval of the same request reuses the first refund (idempotency key).
 */
export async function approveAfterSales(db: DB, input: ApproveInput): Promise<RefundResult> {
  const now = input.now ?? new Date();
  const request = await openRequest(db, input.requestId);
  const attempt = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("idempotency_key", "like", `aftersales_req_${request.id}_try_%`)
    .where("status", "=", "failed")
    .executeTakeFirstOrThrow();
  const refund = await requestRefund(
    db,
    {
      orderId: request.order_id,
      selection: {
        mode: "lines",
        lines: [{ orderLineId: request.order_line_id, quantity: request.quantity }],
      },
      restock: input.restock,
      reason: `售后 #${request.id}: ${request.details}`.slice(0, 200),
      // one refund per request and attempt: a double click refunds once
      idempotencyKey: `aftersales_req_${request.id}_try_${Number(attempt.n) + 1}`,
      actor: input.actor,
    },
    { gatewayFor: input.gatewayFor, now },
  );
  if (refund.status === "failed") {
    throw new DomainError("afterSales.errors.refundFailed", 409, {
      reason: refund.failureReason ?? "",
    });
  }
  await db
    .transaction()
    .execute((trx) =>
      decide(trx, request, { status: "approved", refund_id: refund.refundId }, input.actor, now),
    );
  return refund;
}

/** Rejects an open request with the reason the buyer will read. */
export async function rejectAfterSales(
  db: DB,
  input: { requestId: number; actor: RefundActor; reason: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const request = await openRequest(trx, input.requestId);
    await decide(
      trx,
      request,
      { status: "rejected", decision_reason: input.reason.trim() },
      input.actor,
      now,
    );
  });
}
