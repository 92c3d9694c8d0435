// The "gateway" of a sale rung up at a counter's till (ADR 050): the money changed hands at
// the counter (cash, card terminal or the counter's QR code), so there is nothing to start,
// and a refund is the clerk handing the money back there and then: it is settled at once,
// through applyRefundEvent like any gateway's news, so the ledger reversal, the order's
// status and the counter's shelf follow the one refund path.
import type { DB } from "#db/connection";
import { DomainError } from "../errors";
import { refundAtOnce } from "./refund-at-once.server";
import type { PaymentGateway, RefundRequest, StartedRefund } from "./gateway";

export const COUNTER_GATEWAY = "counter";

export const counterGateway: PaymentGateway = {
  name: COUNTER_GATEWAY,
  /** A till sale is paid before it is written (recordTillSale); nothing is ever started here. */
  async startPayment() {
    throw new DomainError("pay.notPayable", 409);
  },

  /** Handed back at the counter, at once; never more than was paid there (refundAtOnce). */
  refund(db: DB, request: RefundRequest, now = new Date()): Promise<StartedRefund> {
    return refundAtOnce(db, COUNTER_GATEWAY, request, { handedBack: true }, now);
  },
};
