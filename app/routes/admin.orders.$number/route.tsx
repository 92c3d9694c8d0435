import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { adminOrderDetail, orderIdByNumber } from "~/domain/admin/order-detail.server";
import { orderAfterSales } from "~/domain/after-sales/after-sales-queries.server";
import { DomainError } from "~/domain/errors";
import { ORDER_NUMBER_RE } from "~/domain/orders/order-number";
import { parseRefundForm } from "~/domain/orders/refund-input";
import { newIdempotencyKey, requestRefund } from "~/domain/orders/refunds.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import afterSalesCss from "~/styles/after-sales.css";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, formValues, invalidForm } from "~/utils/forms";
import { requireAdmin } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { AfterSalesRequests } from "./after-sales-requests";
import { OrderFacts } from "./order-facts";
import { OrderLinesTable } from "./order-lines-table";
import { OrderParcels } from "./order-parcels";
import { RefundForm } from "./refund-form";
import { RefundResult } from "./refund-result";
import { RefundsTable } from "./refunds-table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: afterSalesCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.adminOrder", { number: data.order.number }),
    () => [NOINDEX],
  );

function orderNumber(params: { number?: string }): string {
  const number = (params.number ?? "").toUpperCase();
  if (!ORDER_NUMBER_RE.test(number)) throw new Response("Not Found", { status: 404 });
  return number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const number = orderNumber(params);
  const { db, locale } = await storeContext(request);
  const order = await orHttpError(adminOrderDetail(db, number, locale));
  const afterSales = await orderAfterSales(db, order.id, locale);
  return json(
    // a fresh key per form: a double submit of this form refunds once
    { order, afterSales, idempotencyKey: newIdempotencyKey() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const number = orderNumber(params);
  const db = await getDb();
  const orderId = await orHttpError(orderIdByNumber(db, number));
  const form = await readFormData(request);
  const parsed = parseRefundForm(form);
  if (!parsed.ok) return invalidForm(parsed);
  const { mode, lines, restock, reason, idempotencyKey } = parsed.data;
  try {
    const result = await requestRefund(
      db,
      {
        orderId,
        selection: mode === "all" ? { mode: "all" } : { mode: "lines", lines },
        restock,
        reason,
        idempotencyKey,
        actor: { id: user.id, name: user.name },
      },
      { gatewayFor: gatewayNamed },
    );
    const query = new URLSearchParams({ refund: String(result.refundId) });
    if (result.duplicate) query.set("again", "1");
    return redirect(`/admin/orders/${number}?${query}`);
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) {
      throw new Response("Not Found", { status: 404 });
    }
    // what was typed, kept (the page hands out a fresh idempotency key of its own)
    const { idempotencyKey: _used, ...values } = formValues(form);
    return domainErrorReply(error, values);
  }
}

export default function AdminOrder() {
  const { order, afterSales, idempotencyKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <article aria-labelledby="order-title">
      <nav aria-label={t("refund.detail.breadcrumb")} className="breadcrumb">
        <Link to="/admin">{t("admin.nav.home")}</Link> /{" "}
        <Link to="/admin/orders">{t("refund.nav.orders")}</Link> /{" "}
        <span aria-current="page">{order.number}</span>
      </nav>
      <header className="review-page__head">
        <h1 id="order-title">{t("refund.detail.titleFor", { number: order.number })}</h1>
        <StatusBadge status={order.status} />
      </header>
      {reply ? null : <RefundResult refunds={order.refunds} />}
      <OrderFacts order={order} />
      <AfterSalesRequests number={order.number} requests={afterSales} />
      <RefundForm
        order={order}
        idempotencyKey={idempotencyKey}
        reply={reply}
        lines={
          <OrderLinesTable
            lines={order.lines}
            canRefund={order.refundBlock === null}
            reply={reply}
          />
        }
      />
      <RefundsTable refunds={order.refunds} />
      <OrderParcels shipments={order.shipments} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
