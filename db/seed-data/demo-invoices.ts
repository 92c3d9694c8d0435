// The demo store's invoices (ADR 043): the institutions' checkout invoice titles became
// requests as their orders were placed; here the older ones are issued with a number, as
// the finance office would have done, and the demo shopper asks for two personal invoices
// (one issued, one waiting), so both states show on the admin page and the shopper's orders.
import type { DB } from "#db/connection";
import { issueInvoice, netPaidFen, requestInvoice } from "~/domain/invoices/invoices.server";
import { shanghaiDate } from "~/utils/time";
import { DEMO_SHOPPER_PHONE } from "./demo-orders";

const DAY = 24 * 3600 * 1000;

/** A 20-digit 全电发票 number: 24 (year), 32 (Jiangsu), then a running number. */
const invoiceNumber = (n: number) => `2432${String(1_000_000_000_000 + n).padStart(16, "0")}`;

async function issue(db: DB, requestId: number, paidAt: string, n: number, now: Date) {
  const threeDaysOn = new Date(Math.min(new Date(paidAt).getTime() + 3 * DAY, now.getTime()));
  await issueInvoice(db, {
    requestId,
    invoiceNumber: invoiceNumber(n),
    issuedOn: shanghaiDate(threeDaysOn),
    actor: { name: "平台管理员 周敏" },
    now,
  });
}

export async function seedDemoInvoices(
  db: DB,
  now: Date,
): Promise<{ issued: number; requested: number }> {
  let n = 0;
  const shopper = await db
    .selectFrom("users")
    .select("id")
    .where("phone", "=", DEMO_SHOPPER_PHONE)
    .executeTakeFirstOrThrow();
  const mine = await db
    .selectFrom("orders")
    .select(["id", "paid_at"])
    .where("user_id", "=", shopper.id)
    .where("paid_at", "is not", null)
    .where("status", "not in", ["refunded"])
    .orderBy("paid_at", "desc")
    .limit(2)
    .execute();
  for (const [i, order] of mine.entries()) {
    if ((await netPaidFen(db, order.id)) <= 0) continue;
    const { id } = await requestInvoice(db, {
      orderId: order.id,
      userId: shopper.id,
      input: {
        intent: "invoice",
        kind: "plain",
        title: "王小明",
        taxNumber: null,
        registeredAddress: null,
        registeredPhone: null,
        bankName: null,
        bankAccount: null,
      },
      now,
    });
    if (i === 1) await issue(db, id, order.paid_at!, ++n, now);
  }

  // the institutions' requests from checkout: those paid over a week ago were issued
  const waiting = await db
    .selectFrom("invoice_requests as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select(["r.id", "o.id as orderId", "o.paid_at"])
    .where("r.status", "=", "requested")
    .where("o.paid_at", "is not", null)
    .where("o.paid_at", "<", new Date(now.getTime() - 7 * DAY).toISOString())
    .where("o.user_id", "!=", shopper.id)
    .orderBy("o.paid_at")
    .execute();
  for (const request of waiting) {
    if ((await netPaidFen(db, request.orderId)) <= 0) continue;
    await issue(db, request.id, request.paid_at!, ++n, now);
  }
  const requested = await db
    .selectFrom("invoice_requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "requested")
    .executeTakeFirstOrThrow();
  return { issued: n, requested: Number(requested.n) };
}
