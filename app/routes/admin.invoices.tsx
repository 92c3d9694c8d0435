// The admin's invoice requests: those still to issue (newest first) or those issued; the
// admin enters the number of the invoice issued, and the buyer is told (ADR 043).
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { INVOICE_NUMBER_MAX, INVOICE_STATUSES } from "~/domain/invoices/invoice-fields";
import { issueSchema } from "~/domain/invoices/invoice-input";
import {
  adminInvoiceRequests,
  issueInvoice,
  type AdminInvoiceRow,
} from "~/domain/invoices/invoices.server";
import type { InvoiceStatus } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { Money } from "~/components/money";
import invoicesCss from "~/styles/invoices.css";
import { getDb } from "~/utils/db.server";
import {
  domainErrorReply,
  formValues,
  invalidForm,
  parseForm,
  type FormReply,
} from "~/utils/forms";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { shanghaiDate, shanghaiDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: invoicesCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("invoices.admin.title"),
    () => [NOINDEX],
  );

const asStatus = (raw: string | null): InvoiceStatus =>
  INVOICE_STATUSES.includes(raw as InvoiceStatus) ? (raw as InvoiceStatus) : "requested";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const status = asStatus(new URL(request.url).searchParams.get("status"));
  const requests = await adminInvoiceRequests(await getDb(), status);
  return json(
    { status, requests, today: shanghaiDate(new Date()) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await readFormData(request);
  const parsed = parseForm(issueSchema, form);
  if (!parsed.ok) return invalidForm(parsed);
  try {
    await issueInvoice(await getDb(), { ...parsed.data, actor: { name: user.name } });
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
  return redirect("/admin/invoices?issued=1");
}

/** The admin's "issued" form for one request: the invoice number, the date (today). */
function IssueForm({
  requestId,
  today,
  reply,
}: {
  requestId: number;
  today: string;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const values = reply?.values ?? {};
  return (
    <Form method="post" className="form" data-testid="invoice-issue">
      <FormAlert reply={reply} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="invoice-issue">
        <Field
          name="invoiceNumber"
          label={t("invoices.admin.invoiceNumber")}
          required
          maxLength={INVOICE_NUMBER_MAX + 6}
          autoComplete="off"
          defaultValue={values.invoiceNumber}
          error={reply?.errors.invoiceNumber}
        />
        <Field
          name="issuedOn"
          type="date"
          label={t("invoices.admin.issuedOn")}
          defaultValue={values.issuedOn ?? today}
          error={reply?.errors.issuedOn}
        />
        <button type="submit" className="button">
          {t("invoices.admin.issue")}
        </button>
      </div>
    </Form>
  );
}

function InvoiceCard({ row, children }: { row: AdminInvoiceRow; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className="invoice-card" data-testid="invoice-request" data-order={row.orderNumber}>
      <p className="invoice-card__head">
        <Link to={`/admin/orders/${row.orderNumber}`}>{row.orderNumber}</Link>
        <span className={`tag tag--${row.status === "issued" ? "approved" : "open"}`}>
          {t(`invoices.statuses.${row.status}`)}
        </span>
        <span>{t(`invoices.kinds.${row.kind}`)}</span>
        <strong>
          <Money fen={row.amountFen} />
        </strong>
      </p>
      <dl>
        <dt>{t("invoices.admin.invoiceTitle")}</dt>
        <dd>{row.title}</dd>
        <dt>{t("invoices.admin.taxNumber")}</dt>
        <dd>{row.taxNumber ?? t("invoices.voucher.none")}</dd>
        {row.kind === "special" ? (
          <>
            <dt>{t("invoices.fields.registeredAddress")}</dt>
            <dd>{row.registeredAddress}</dd>
            <dt>{t("invoices.fields.registeredPhone")}</dt>
            <dd>{row.registeredPhone}</dd>
            <dt>{t("invoices.fields.bankName")}</dt>
            <dd>{row.bankName}</dd>
            <dt>{t("invoices.fields.bankAccount")}</dt>
            <dd>{row.bankAccount}</dd>
          </>
        ) : null}
        <dt>{t("invoices.admin.requestedAt")}</dt>
        <dd>{shanghaiDateTime(row.createdAt)}</dd>
        {row.status === "issued" ? (
          <>
            <dt>{t("invoices.admin.invoiceNumber")}</dt>
            <dd data-testid="invoice-number">{row.invoiceNumber}</dd>
          </>
        ) : null}
      </dl>
      {row.status === "issued" && row.issuedAt ? (
        <p className="muted">
          {t("invoices.admin.issuedBy", {
            name: row.issuedBy ?? "",
            date: shanghaiDate(new Date(row.issuedAt)),
          })}
        </p>
      ) : null}
      {children}
    </li>
  );
}

export default function AdminInvoices() {
  const { status, requests, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invoices-title">
      <h1 id="invoices-title">{t("invoices.admin.title")}</h1>
      <p className="muted">{t("invoices.admin.lead")}</p>
      {search.get("issued") === "1" && !reply ? (
        <p className="alert alert--success" role="status">
          {t("invoices.admin.issued")}
        </p>
      ) : null}
      <nav aria-label={t("invoices.admin.filterLabel")} className="filter-tabs">
        {INVOICE_STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={s === status ? "page" : undefined}>
            {t(`invoices.statuses.${s}`)}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? <p>{t("invoices.admin.empty")}</p> : null}
      <ul className="invoice-list">
        {requests.map((row) => (
          <InvoiceCard key={row.id} row={row}>
            {row.status === "requested" ? (
              <IssueForm
                requestId={row.id}
                today={today}
                reply={reply?.values.requestId === String(row.id) ? reply : undefined}
              />
            ) : null}
          </InvoiceCard>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
