// A refund settled at the moment it is asked for, as the demo gateway simulates and a
// counter's till really does (money handed back over the counter): never more back than was
// paid through that gateway, the same idempotency key always gives the same refund id and
// event, and the outcome goes through applyRefundEvent like any gateway's news.
import crypto from "node:crypto";
import type { DB } from "#db/connection";
import { applyRefundEvent } from "../orders/refund-settlement.server";
import type { RefundRequest, StartedRefund } from "./gateway";

export async function refundAtOnce(
  db: DB,
  gateway: string,
  request: RefundRequest,
  /** what the event's payload says about how the money went back */
  payload: Record<string, unknown>,
  now: Date,
): Promise<StartedRefund> {
  const gatewayRefundId = `${gateway}_re_${crypto
    .createHash("sha256")
    .update(request.idempotencyKey)
    .digest("base64url")
    .slice(0, 16)}`;
  const paid = await db
    .selectFrom("payments")
    .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
    .where("order_id", "=", request.orderId)
    .where("gateway", "=", gateway)
    .where("status", "=", "succeeded")
    .executeTakeFirst();
  const returned = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
    .where("order_id", "=", request.orderId)
    .where("gateway", "=", gateway)
    .where("status", "=", "succeeded")
    .where("id", "!=", request.refundId)
    .executeTakeFirst();
  const left = Number(paid?.fen ?? 0) - Number(returned?.fen ?? 0);
  const ok = Number.isSafeInteger(request.amountFen) && request.amountFen > 0;
  const status = ok && request.amountFen <= left ? "succeeded" : "failed";
  await applyRefundEvent(
    db,
    {
      eventId: `${gateway}_evt_${gatewayRefundId}_${status}`,
      gateway,
      refundId: request.refundId,
      status,
      gatewayRefundId,
      failureReason:
        status === "failed"
          ? `amount ${request.amountFen} exceeds the ${Math.max(left, 0)} fen left of the payment`
          : null,
      payload: { ...payload, amountFen: request.amountFen },
    },
    now,
  );
  return { gatewayRefundId };
}
