import crypto from "node:crypto";
import type { DB } from "#db/connection";
import { refundAtOnce } from "./refund-at-once.server";
import { DomainError } from "../errors";
import { applyPaymentEvent, type EventOutcome } from "./events.server";
import type {
  PayableOrder,
  PaymentGateway,
  RefundRequest,
  StartedPayment,
  StartedRefund,
} from "./gateway";

/**
 * The built-in simulated gateway: no keys, no money. The shopper confirms or cancels on
 * /pay/demo/:number and the result comes back as an ordinary payment event.
 */
export const demoGateway: PaymentGateway = {
  name: "demo",
  async startPayment(db: DB, order: PayableOrder, now = new Date()): Promise<StartedPayment> {
    return db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom("payments")
        .select(["id", "amount_fen"])
        .where("order_id", "=", order.id)
        .where("status", "=", "open")
        .orderBy("attempt", "desc")
        .executeTakeFirst();
      const redirectUrl = `/pay/demo/${order.number}`;
      if (open && open.amount_fen === order.totalFen) return { paymentId: open.id, redirectUrl };
      const last = await trx
        .selectFrom("payments")
        .select((eb) => eb.fn.max<number>("attempt").as("attempt"))
        .where("order_id", "=", order.id)
        .executeTakeFirst();
      const id = `demo_pay_${crypto.randomBytes(9).toString("base64url")}`;
      await trx
        .insertInto("payments")
        .values({
          id,
          order_id: order.id,
          gateway: "demo",
          status: "open",
          amount_fen: order.totalFen,
          attempt: (last?.attempt ?? 0) + 1,
          external_url: redirectUrl,
          updated_at: now.toISOString(),
        })
        .execute();
      return { paymentId: id, redirectUrl };
    });
  },

  /**
   * Gives the money back at once, as a real gateway would confirm it: through
   * `applyRefundEvent` (refundAtOnce). Like a real one it refuses to return more than was
   * paid in; the same idempotency key always gives the same refund id and the same event.
   */
  refund(db: DB, request: RefundRequest, now = new Date()): Promise<StartedRefund> {
    return refundAtOnce(db, "demo", request, { simulated: true }, now);
  },
};

/**
 * What the demo page's buttons do. The event id is derived from the payment and the
 * choice, so a double click delivers the same event twice and it applies once.
 */
export async function completeDemoPayment(
  db: DB,
  orderId: number,
  choice: "succeeded" | "cancelled",
  now = new Date(),
): Promise<EventOutcome> {
  const payment = await db
    .selectFrom("payments")
    .select(["id", "amount_fen", "status"])
    .where("order_id", "=", orderId)
    .where("gateway", "=", "demo")
    .orderBy("attempt", "desc")
    .executeTakeFirst();
  if (!payment) throw new DomainError("pay.noPayment", 409);
  return applyPaymentEvent(
    db,
    {
      id: `demo_evt_${payment.id}_${choice}`,
      gateway: "demo",
      type: choice === "succeeded" ? "payment.succeeded" : "payment.cancelled",
      orderId,
      paymentId: payment.id,
      amountFen: payment.amount_fen,
      payload: { simulated: true, choice },
    },
    now,
  );
}
