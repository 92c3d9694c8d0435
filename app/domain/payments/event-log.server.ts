import type { Transaction } from "kysely";
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";

export interface LoggedEvent {
  /** the gateway's own event id */
  id: string;
  gateway: string;
  type: string;
  payload: unknown;
}

/**
 * The at-most-once rule every gateway event goes through: in one transaction, an event id
 * already in `payment_events` is a duplicate and changes nothing; otherwise `apply` runs
 * and the event is recorded with what it did. Payments and refunds both use it.
 */
export async function applyEventOnce<Outcome extends string>(
  db: DB,
  event: LoggedEvent,
  apply: (trx: Transaction<Database>) => Promise<{ outcome: Outcome; orderId: number | null }>,
  now: Date,
): Promise<Outcome | "duplicate"> {
  return db.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom("payment_events")
      .select("id")
      .where("id", "=", event.id)
      .executeTakeFirst();
    if (seen) return "duplicate";
    const { outcome, orderId } = await apply(trx);
    await trx
      .insertInto("payment_events")
      .values({
        id: event.id,
        gateway: event.gateway,
        type: event.type,
        order_id: orderId,
        outcome,
        payload: JSON.stringify(event.payload ?? null),
        received_at: now.toISOString(),
      })
      .execute();
    return outcome;
  });
}
