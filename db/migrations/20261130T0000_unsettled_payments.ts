// The reconciliation (app/domain/payments/reconcile.server.ts) looks every few minutes for
// Stripe payments and refunds the gateway has not yet settled. Those are a handful among
// millions of rows, so each gets a partial index holding only them. Frozen once landed.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index payments_unsettled on payments (gateway, id)
    where status in ('open', 'processing')`.execute(db);
  await sql`
    create index refunds_requested on refunds (gateway, id)
    where status = 'requested'`.execute(db);
}
