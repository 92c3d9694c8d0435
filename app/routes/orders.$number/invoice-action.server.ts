// The order page's invoice form (intent "invoice"), kept beside the page it answers.
import type { DB } from "#db/connection";
import { redirect } from "@remix-run/node";
import { invoiceRequestSchema } from "~/domain/invoices/invoice-input";
import { requestInvoice } from "~/domain/invoices/invoices.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import type { OrderAccess } from "~/utils/order-access.server";

/** The buyer's invoice request, or its correction while it is still `requested`. */
export async function invoiceAction(db: DB, access: OrderAccess, form: FormData) {
  const parsed = parseForm(invoiceRequestSchema, form);
  if (!parsed.ok) return invalidForm(parsed, { form: "invoice" as const });
  try {
    const result = await requestInvoice(db, {
      orderId: access.id,
      userId: access.viewerId,
      input: parsed.data,
    });
    const done = result.updated ? "updated" : "sent";
    return redirect(`/orders/${access.number}?invoice=${done}#invoice`);
  } catch (error) {
    return domainErrorReply(error, formValues(form), { form: "invoice" as const });
  }
}
