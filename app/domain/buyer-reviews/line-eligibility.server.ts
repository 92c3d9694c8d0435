// When an order line may be reviewed: it is the reviewer's own, it has arrived, and it was
// not refunded. One set of SQL conditions shared by the write (submit) and by every list
// that offers a "评价" button, so a button is never shown for a line the write refuses.
import { sql, type RawBuilder } from "kysely";

/**
 * The line's parcel was delivered (shipments are per order and cooperative), or the whole
 * order is completed. Expects the aliases `ol` (order_lines) and `o` (orders).
 */
export const lineDelivered: RawBuilder<number> = sql<number>`(
  o.status = 'completed' or exists (
    select 1 from shipments s
     where s.order_id = ol.order_id and s.cooperative_id = ol.cooperative_id
       and s.status = 'delivered'))`;

/** The whole quantity of the line went back in succeeded refunds (or the order was refunded). */
export const lineRefunded: RawBuilder<number> = sql<number>`(
  o.status = 'refunded' or coalesce((
    select sum(rl.quantity) from refund_lines rl
      join refunds r on r.id = rl.refund_id
     where rl.order_line_id = ol.id and r.status = 'succeeded'), 0) >= ol.quantity)`;

/** Delivered and not refunded: the line a buyer may review (if not reviewed yet). */
export const lineReviewable: RawBuilder<number> = sql<number>`(${lineDelivered} and not ${lineRefunded})`;
