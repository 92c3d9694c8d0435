// Invoice requests (ADR 043): the buyer asks for a plain (普票) or special (专票) invoice for a
// paid order, may correct it while it is `requested`; the admin enters the number of the
// invoice issued, which freezes the amount (paid minus refunds) and tells the buyer once.
import type { DB } from "#db/connection";
import type { BuyerType, InvoiceKind, InvoiceStatus } from "#db/schema";
import { tellBuyer } from "~/domain/messages/order-messages.server";
import { DomainError, NotFoundError } from "~/domain/errors";
import { shanghaiDate } from "~/utils/time";
import { PAID_STATUSES } from "./invoice-fields";
import type { InvoiceRequestInput } from "./invoice-input";
import { isValidCreditCode } from "./tax-number";

/** What was paid for the order less what was refunded (refunds the gateway confirmed). */
export async function netPaidFen(db: DB, orderId: number): Promise<number> {
  const row = await db
    .selectFrom("orders as o")
    .select((eb) => [
      "o.total_fen",
      eb
        .selectFrom("refunds as r")
        .select((r) => r.fn.coalesce(r.fn.sum<number>("r.amount_fen"), r.lit(0)).as("fen"))
        .whereRef("r.order_id", "=", "o.id")
        .where("r.status", "=", "succeeded")
        .as("refunded_fen"),
    ])
    .where("o.id", "=", orderId)
    .executeTakeFirstOrThrow();
  return row.total_fen - Number(row.refunded_fen ?? 0);
}

const isPaid = (order: { status: string; paid_at: string | null }) =>
  order.paid_at !== null && (PAID_STATUSES as readonly string[]).includes(order.status);

/** A plain invoice to a person may go without a tax number; every other needs one. */
function checkTaxNumberNeeded(input: InvoiceRequestInput, buyerType: BuyerType) {
  if (!input.taxNumber && (input.kind === "special" || buyerType !== "individual")) {
    throw new DomainError("invoices.errors.taxNumberNeeded", 400, {}, "taxNumber");
  }
}

function columns(input: InvoiceRequestInput) {
  return {
    kind: input.kind,
    title: input.title,
    tax_number: input.taxNumber,
    registered_address: input.registeredAddress,
    registered_phone: input.registeredPhone,
    bank_name: input.bankName,
    bank_account: input.bankAccount,
  };
}

/**
 * The buyer's request, or their correction of it while it is still `requested`. The order
 * must be paid and have something left after refunds; an issued invoice is not changed here
 * (a wrong issued invoice is reversed by the finance office, outside the store).
 */
export async function requestInvoice(
  db: DB,
  options: { orderId: number; userId: number | null; input: InvoiceRequestInput; now?: Date },
): Promise<{ id: number; updated: boolean }> {
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom("orders")
      .select(["id", "status", "paid_at", "buyer_type"])
      .where("id", "=", options.orderId)
      .executeTakeFirst();
    if (!order) throw new NotFoundError("order");
    if (!isPaid(order)) throw new DomainError("invoices.errors.notPaid", 409);
    checkTaxNumberNeeded(options.input, order.buyer_type);
    if ((await netPaidFen(trx, order.id)) <= 0) {
      throw new DomainError("invoices.errors.nothingToInvoice", 409);
    }
    const existing = await trx
      .selectFrom("invoice_requests")
      .select(["id", "status"])
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    if (existing?.status === "issued") throw new DomainError("invoices.errors.alreadyIssued", 409);
    if (existing) {
      await trx
        .updateTable("invoice_requests")
        .set({ ...columns(options.input), updated_at: now })
        .where("id", "=", existing.id)
        .where("status", "=", "requested")
        .execute();
      return { id: existing.id, updated: true };
    }
    const row = await trx
      .insertInto("invoice_requests")
      .values({
        order_id: order.id,
        ...columns(options.input),
        status: "requested",
        requested_by: options.userId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, updated: false };
  });
}

/**
 * At checkout (inside placeOrder's transaction): an invoice title given on the form becomes
 * the order's plain-invoice request, when its details would pass the order page's rules (a
 * tax number whose check character is right, or none for a person). Otherwise nothing is
 * written and the order page offers the form, filled with what the checkout was given.
 */
export async function requestInvoiceAtCheckout(
  trx: DB,
  orderId: number,
  details: { title: string | null; taxNumber: string | null; buyerType: BuyerType },
  now: Date,
): Promise<boolean> {
  const title = details.title?.trim() ?? "";
  if (title.length < 2) return false;
  if (
    details.taxNumber ? !isValidCreditCode(details.taxNumber) : details.buyerType !== "individual"
  ) {
    return false;
  }
  await trx
    .insertInto("invoice_requests")
    .values({
      order_id: orderId,
      kind: "plain",
      title,
      tax_number: details.taxNumber,
      registered_address: null,
      registered_phone: null,
      bank_name: null,
      bank_account: null,
      status: "requested",
      requested_by: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("order_id").doNothing())
    .execute();
  return true;
}

/**
 * The admin enters the number of the invoice issued for a request: the amount is frozen at
 * what was paid less refunds, and the buyer is told (once per request) in the same
 * transaction. The date is today unless given; never in the future nor before payment.
 */
export async function issueInvoice(
  db: DB,
  options: {
    requestId: number;
    invoiceNumber: string;
    issuedOn: string | null;
    actor: { name: string };
    now?: Date;
  },
): Promise<{ orderId: number; amountFen: number }> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("invoice_requests as r")
      .innerJoin("orders as o", "o.id", "r.order_id")
      .select(["r.id", "r.status", "r.order_id", "o.status as order_status", "o.paid_at"])
      .where("r.id", "=", options.requestId)
      .executeTakeFirst();
    if (!request) throw new NotFoundError("invoice");
    if (request.status === "issued") throw new DomainError("invoices.errors.alreadyIssued", 409);
    if (!isPaid({ status: request.order_status, paid_at: request.paid_at })) {
      throw new DomainError("invoices.errors.notPaid", 409);
    }
    const issuedAt = issuedAtFor(options.issuedOn, request.paid_at!, now);
    const amountFen = await netPaidFen(trx, request.order_id);
    if (amountFen <= 0) throw new DomainError("invoices.errors.nothingToInvoice", 409);
    const used = await trx
      .selectFrom("invoice_requests")
      .select("id")
      .where("invoice_number", "=", options.invoiceNumber)
      .executeTakeFirst();
    if (used) throw new DomainError("invoices.errors.numberUsed", 409, {}, "invoiceNumber");
    await trx
      .updateTable("invoice_requests")
      .set({
        status: "issued",
        invoice_number: options.invoiceNumber,
        amount_fen: amountFen,
        issued_at: issuedAt,
        issued_by: options.actor.name,
        updated_at: now.toISOString(),
      })
      .where("id", "=", request.id)
      .execute();
    await tellBuyer(trx, request.order_id, { kind: "invoice_issued", requestId: request.id }, now);
    return { orderId: request.order_id, amountFen };
  });
}

/** Today means now; another day is noon of that day in Shanghai (04:00 UTC). */
function issuedAtFor(issuedOn: string | null, paidAt: string, now: Date): string {
  const today = shanghaiDate(now);
  if (!issuedOn || issuedOn === today) return now.toISOString();
  const at = new Date(`${issuedOn}T04:00:00.000Z`);
  if (Number.isNaN(at.getTime()) || issuedOn > today || issuedOn < shanghaiDate(new Date(paidAt))) {
    throw new DomainError("invoices.errors.issuedOn", 400, {}, "issuedOn");
  }
  return at.toISOString();
}

export interface InvoiceView {
  id: number;
  kind: InvoiceKind;
  status: InvoiceStatus;
  title: string;
  taxNumber: string | null;
  registeredAddress: string | null;
  registeredPhone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  invoiceNumber: string | null;
  amountFen: number | null;
  issuedAt: string | null;
  createdAt: string;
}

/** The order page's invoice: the request (if any), whether one may be asked, the defaults. */
export async function orderInvoice(db: DB, orderId: number) {
  const order = await db
    .selectFrom("orders")
    .select(["id", "status", "paid_at", "buyer_type", "invoice_title", "tax_id", "org_name"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  const row = await db
    .selectFrom("invoice_requests")
    .select([
      "id",
      "kind",
      "status",
      "title",
      "tax_number as taxNumber",
      "registered_address as registeredAddress",
      "registered_phone as registeredPhone",
      "bank_name as bankName",
      "bank_account as bankAccount",
      "invoice_number as invoiceNumber",
      "amount_fen as amountFen",
      "issued_at as issuedAt",
      "created_at as createdAt",
    ])
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  const paid = isPaid(order);
  const netFen = paid ? await netPaidFen(db, orderId) : 0;
  return {
    request: (row ?? null) as InvoiceView | null,
    paid,
    netFen,
    /** a form is offered: paid, something left to invoice, not issued yet */
    open: paid && netFen > 0 && row?.status !== "issued",
    defaults: {
      title: order.invoice_title ?? order.org_name ?? "",
      taxNumber: order.tax_id ?? "",
    },
  };
}

export type OrderInvoice = Awaited<ReturnType<typeof orderInvoice>>;

/** The admin's list: requests of paid orders in one state, newest first. */
export async function adminInvoiceRequests(db: DB, status: InvoiceStatus, limit = 200) {
  const rows = await db
    .selectFrom("invoice_requests as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select((eb) => [
      "r.id",
      "r.kind",
      "r.status",
      "r.title",
      "r.tax_number as taxNumber",
      "r.registered_address as registeredAddress",
      "r.registered_phone as registeredPhone",
      "r.bank_name as bankName",
      "r.bank_account as bankAccount",
      "r.invoice_number as invoiceNumber",
      "r.amount_fen as issuedAmountFen",
      "r.issued_at as issuedAt",
      "r.issued_by as issuedBy",
      "r.created_at as createdAt",
      "o.number as orderNumber",
      "o.total_fen as totalFen",
      eb
        .selectFrom("refunds as f")
        .select((f) => f.fn.coalesce(f.fn.sum<number>("f.amount_fen"), f.lit(0)).as("fen"))
        .whereRef("f.order_id", "=", "o.id")
        .where("f.status", "=", "succeeded")
        .as("refundedFen"),
    ])
    .where("r.status", "=", status)
    .where("o.paid_at", "is not", null)
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
  return (
    rows
      .map(({ totalFen, refundedFen, issuedAmountFen, ...r }) => ({
        ...r,
        amountFen: issuedAmountFen ?? totalFen - Number(refundedFen ?? 0),
      }))
      // an order refunded in full since it was asked has nothing left to invoice
      .filter((r) => r.status === "issued" || r.amountFen > 0)
  );
}

export type AdminInvoiceRow = Awaited<ReturnType<typeof adminInvoiceRequests>>[number];
