import type { DB } from "#db/connection";

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

/**
 * Every way of taking money looks like this to the store. Gateways report back only through
 * `applyPaymentEvent`, so the demo page and Stripe's webhooks share one path.
 */
export interface PaymentGateway {
  readonly name: string;
  startPayment(db: DB, order: PayableOrder, now?: Date): Promise<StartedPayment>;
}
