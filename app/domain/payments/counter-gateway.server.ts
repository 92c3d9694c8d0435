// The "gateway" of a sale rung up at a counter's till (ADR 050): the money changed hands at
// the counter (cash, card terminal or the counter's QR code), so there is nothing to start,
// and a refund is the clerk handing the money back there and then: it is settled at once,
// through applyRefundEvent like any gateway's news, so the ledger reversal, the order's
// status and the counter's shelf follow the one refund path.
import crypto from "node:crypto";
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { applyRefundEvent } from "../orders/refund-settlement.server";
import type { PaymentGateway, RefundRequest, StartedRefund } from "./gateway";

export const COUNTER_GATEWAY = "counter";

export const counterGateway: PaymentGateway = {
  name: COUNTER_GATEWAY,
  /** A till sale is paid before it is written (recordTillSale); nothing is ever started here. */
  async startPayment() {
    throw new DomainError("pay.notPayable", 409);
  },

  /** Never more back than was paid at the counter; the same key gives the same refund id. */
  async refund(db: DB, request: RefundRequest, now = new Date()): Promise<StartedRefund> {
    const gatewayRefundId = `counter_re_${crypto
      .createHash("sha256")
      .update(request.idempotencyKey)
      .digest("base64url")
      .slice(0, 16)}`;
    const paid = await db
      .selectFrom("payments")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .where("order_id", "=", request.orderId)
      .where("gateway", "=", COUNTER_GATEWAY)
      .where("status", "=", "succeeded")
      .executeTakeFirst();
    const returned = await db
      .selectFrom("refunds")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .where("order_id", "=", request.orderId)
      .where("gateway", "=", COUNTER_GATEWAY)
      .where("status", "=", "succeeded")
      .where("id", "!=", request.refundId)
      .executeTakeFirst();
    const left = Number(paid?.fen ?? 0) - Number(returned?.fen ?? 0);
    const ok = Number.isSafeInteger(request.amountFen) && request.amountFen > 0;
    const status = ok && request.amountFen <= left ? "succeeded" : "failed";
    await applyRefundEvent(
      db,
      {
        eventId: `counter_evt_${gatewayRefundId}_${status}`,
        gateway: COUNTER_GATEWAY,
        refundId: request.refundId,
        status,
        gatewayRefundId,
        failureReason:
          status === "failed"
            ? `amount ${request.amountFen} exceeds the ${Math.max(left, 0)} fen paid at the counter`
            : null,
        payload: { handedBack: true, amountFen: request.amountFen },
      },
      now,
    );
    return { gatewayRefundId };
  },
};
