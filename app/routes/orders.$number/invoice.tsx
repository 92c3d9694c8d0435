import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OrderInvoice } from "~/domain/invoices/invoices.server";
import { INVOICE_KINDS, TITLE_MAX } from "~/domain/invoices/invoice-fields";
import { ChoiceField, Field } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { Money } from "~/components/money";
import type { FormReply } from "~/utils/forms";
import { shanghaiDate } from "~/utils/time";
import { InvoiceSpecialFields } from "./invoice-special-fields";

type Serialized = Omit<OrderInvoice, "request"> & {
  request: (NonNullable<OrderInvoice["request"]> & Record<string, unknown>) | null;
};

/** Where the request stands: asked for (and as what), or issued with its number. */
function InvoiceState({ request }: { request: NonNullable<Serialized["request"]> }) {
  const { t } = useTranslation();
  if (request.status === "issued") {
    return (
      <div className="alert alert--success" data-testid="invoice-state" data-status="issued">
        <p>
          <strong>{t("invoices.order.issued", { number: request.invoiceNumber })}</strong>
        </p>
        <p>
          {t("invoices.order.amount")} <Money fen={request.amountFen ?? 0} /> ·{" "}
          {t("invoices.order.issuedOn", { date: shanghaiDate(new Date(request.issuedAt ?? "")) })}
        </p>
        <p className="muted">
          {t(`invoices.kinds.${request.kind}`)} · {request.title}
          {request.taxNumber ? ` · ${request.taxNumber}` : ""}
        </p>
      </div>
    );
  }
  return (
    <div className="invoice-state" data-testid="invoice-state" data-status="requested">
      <p>
        <span className="tag tag--open">{t("invoices.statuses.requested")}</span>{" "}
        {t("invoices.order.requested", { kind: t(`invoices.kinds.${request.kind}`) })}
      </p>
      <p className="muted">
        {request.title}
        {request.taxNumber ? ` · ${request.taxNumber}` : ""}
      </p>
    </div>
  );
}

/** The request form: new, or the correction of one still `requested`. */
function InvoiceForm({ invoice, reply }: { invoice: Serialized; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const request = invoice.request;
  const values: Record<string, string | undefined> = reply?.values ?? {
    kind: request?.kind ?? "plain",
    title: request?.title ?? invoice.defaults.title,
    taxNumber: request?.taxNumber ?? invoice.defaults.taxNumber,
    registeredAddress: request?.registeredAddress ?? "",
    registeredPhone: request?.registeredPhone ?? "",
    bankName: request?.bankName ?? "",
    bankAccount: request?.bankAccount ?? "",
  };
  const form = (
    <Form method="post" className="form invoice-form" data-testid="invoice-form">
      <FormAlert reply={reply} />
      <input type="hidden" name="intent" value="invoice" />
      <ChoiceField
        name="kind"
        label={t("invoices.fields.kind")}
        required
        defaultValue={values.kind ?? "plain"}
        error={reply?.errors.kind}
        options={INVOICE_KINDS.map((k) => ({ value: k, label: t(`invoices.kinds.${k}`) }))}
      />
      <Field
        name="title"
        label={t("invoices.fields.title")}
        required
        maxLength={TITLE_MAX}
        defaultValue={values.title}
        error={reply?.errors.title}
      />
      <Field
        name="taxNumber"
        label={t("invoices.fields.taxNumber")}
        hint={t("invoices.fields.taxNumberHint")}
        maxLength={24}
        autoComplete="off"
        defaultValue={values.taxNumber}
        error={reply?.errors.taxNumber}
      />
      <InvoiceSpecialFields values={values} reply={reply} />
      <button type="submit" className="button">
        {request ? t("invoices.order.save") : t("invoices.order.submit")}
      </button>
    </Form>
  );
  if (!request || reply) {
    return (
      <>
        <h3>{request ? t("invoices.order.edit") : t("invoices.order.ask")}</h3>
        {form}
      </>
    );
  }
  // a request already sent: its correction stays folded away until wanted
  return (
    <details className="invoice-edit">
      <summary>{t("invoices.order.edit")}</summary>
      {form}
    </details>
  );
}

/** The order's invoice and purchase voucher, on a paid order. */
export function OrderInvoiceSection({
  number,
  invoice,
  reply,
  done,
}: {
  number: string;
  invoice: Serialized;
  reply: FormReply | undefined;
  done: string | null;
}) {
  const { t } = useTranslation();
  if (!invoice.paid) return null;
  return (
    <section aria-labelledby="invoice-title" className="section" id="invoice">
      <h2 id="invoice-title">{t("invoices.order.title")}</h2>
      {(done === "sent" || done === "updated") && !reply ? (
        <p className="alert alert--success" role="status">
          {t(`invoices.order.${done}`)}
        </p>
      ) : null}
      {invoice.request ? <InvoiceState request={invoice.request} /> : null}
      {invoice.open ? (
        <>
          {invoice.request ? null : <p className="muted">{t("invoices.order.lead")}</p>}
          <InvoiceForm invoice={invoice} reply={reply} />
        </>
      ) : null}
      <p className="invoice-voucher">
        <Link to={`/orders/${number}/voucher`} data-testid="voucher-link">
          {t("invoices.order.voucher")}
        </Link>
        <span className="muted"> {t("invoices.order.voucherLead")}</span>
      </p>
    </section>
  );
}
