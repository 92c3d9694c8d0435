import type { DB } from "#db/connection";

/** The gateways an order can be paid through (orders.payment_gateway holds one of these). */
export const GATEWAY_NAMES = ["demo", "stripe"] as const;

export interface PayableOrder {
  id: number;
  number: string;
  totalFen: number;
}

export interface StartedPayment {
  paymentId: string;
  /** where to send the shopper to pay */
  redirectUrl: string;
}

/** What the store asks a gateway to give back: one row of `refunds`, already recorded. */
export interface RefundRequest {
  refundId: number;
  orderId: number;
  /** integer fen, > 0 */
  amountFen: number;
  /** unique per refund; sent to the gateway so a retried request refunds once */
  idempotencyKey: string;
}

export interface StartedRefund {
  /** the gateway's own id for the refund */
  gatewayRefundId: string;
}

/**
 * The gateway said no outright (nothing was refunded). Any other error from `refund` means
 * the outcome is unknown: the refund stays requested until the gateway reports back.
 */
export class RefundDeclinedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "RefundDeclinedError";
  }
}

/**
 * Every way of taking money looks like this to the store. Gateways report back only through
 * `applyPaymentEvent` (payments) and `applyRefundEvent` (refunds), so the demo page and
 * Stripe's webhooks share one path.
 */
export interface PaymentGateway {
  readonly name: string;
  startPayment(db: DB, order: PayableOrder, now?: Date): Promise<StartedPayment>;
  /**
   * Asks the gateway to return money for a recorded refund. Called outside any transaction.
   * The confirmation (or failure) arrives through `applyRefundEvent`, at once (demo) or
   * later by webhook (Stripe).
   */
  refund(db: DB, request: RefundRequest, now?: Date): Promise<StartedRefund>;
}
