import type { DB } from "#db/connection";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { orderBuyerReviewStates } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { DomainError } from "~/domain/errors";
import { askSchema } from "~/domain/after-sales/after-sales-input";
import { askAfterSales } from "~/domain/after-sales/after-sales.server";
import { orderInvoice } from "~/domain/invoices/invoices.server";
import { orderIntentSchema } from "~/domain/orders/order-input";
import { buyerOrderExtras } from "~/domain/orders/order-timeline.server";
import { cancelUnpaidOrder, getOrderDetail } from "~/domain/orders/orders.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { orderPickup } from "~/domain/pickup/pickup-order.server";
import { confirmStripeReturn } from "~/domain/payments/reconcile.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderReviewLinks } from "~/components/buyer-reviews/order-review-links";
import { PickupStatusBadge } from "~/components/pickup-status-badge";
import afterSalesCss from "~/styles/after-sales.css";
import fulfilCss from "~/styles/fulfil.css";
import invoicesCss from "~/styles/invoices.css";
import pickupCss from "~/styles/pickup.css";
import { grantOrder } from "~/utils/cookies.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import {
  orderAccessOrLocked,
  requireOrderAccess,
  type OrderAccess,
} from "~/utils/order-access.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { AfterSales } from "./after-sales";
import { OrderInvoiceSection } from "./invoice";
import { invoiceAction } from "./invoice-action.server";
import { LockedOrder } from "./locked-order";
import { OrderLines } from "./order-lines";
import { OrderParcels } from "./order-parcels";
import { PickupCard } from "./pickup-card";
import { ShipTo } from "./ship-to";
import { OrderStatusNotes } from "./order-status-notes";
import { OrderRefunds } from "./refunds";
import { OrderNote, OrderTimeline } from "./timeline";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fulfilCss },
  { rel: "stylesheet", href: afterSalesCss },
  { rel: "stylesheet", href: invoicesCss },
  { rel: "stylesheet", href: pickupCss },
];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) =>
      "locked" in data
        ? t("afterSales.locked.title", { number: data.locked.number })
        : t("titles.order", { number: data.order.number }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const access = await orderAccessOrLocked(db, request, params.number);
  // Opened without its cookie or token (another device): how to reach it, nothing of it.
  if ("locked" in access) {
    return json(
      { locked: { number: access.locked } },
      { status: 403, headers: { "Cache-Control": "private, no-store" } },
    );
  }
  let order = await getOrderDetail(db, access.id, locale);
  // Back from Stripe while still unpaid: ask Stripe once, so a late webhook does not keep a
  // paid order showing unpaid. Only for an order this visitor may see (checked above).
  if (
    new URL(request.url).searchParams.get("paid") === "1" &&
    order.status === "pending_payment" &&
    order.paymentGateway === "stripe" &&
    (await confirmStripeReturn(db, access.id))
  ) {
    order = await getOrderDetail(db, access.id, locale);
  }
  // a pickup order's counter, and its code and QR only while the goods wait (ADR 048)
  const pickup = await orderPickup(db, access.id, order.status, locale);
  const extras = await buyerOrderExtras(
    db,
    {
      ...order,
      collected: pickup?.collected
        ? { at: pickup.collected.at, counter: pickup.counter.name }
        : null,
    },
    locale,
  );
  const search = new URL(request.url).searchParams;
  const sent = search.get("asked") === "1";
  const invoice = await orderInvoice(db, access.id);
  // the signed-in buyer's delivered lines and their reviews; none for a guest with the link
  const reviewLines = await orderBuyerReviewStates(
    db,
    { orderId: access.id, userId: access.viewerId },
    locale,
  );
  return json(
    {
      order,
      extras,
      pickup,
      sent,
      reviewLines,
      invoice,
      invoiceDone: search.get("invoice"),
      now: new Date().toISOString(),
    },
    {
      headers: {
        "Cache-Control": "private, no-store",
        // A guest who came by the link keeps access from this browser without it.
        "Set-Cookie": await grantOrder(request, access.number),
      },
    },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db, locale } = await storeContext(request);
  const access = await requireOrderAccess(db, request, params.number);
  const form = await readFormData(request);
  if (form.get("intent") === "after-sales") return askAction(db, access, form);
  if (form.get("intent") === "invoice") return invoiceAction(db, access, form);
  const parsed = orderIntentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: "order.badRequest" }, { status: 400 });
  const order = await getOrderDetail(db, access.id, locale);
  try {
    if (parsed.data.intent === "cancel") {
      await cancelUnpaidOrder(db, access.id);
      return redirect(`/orders/${access.number}`);
    }
    if (order.status !== "pending_payment") throw new DomainError("order.notPayable", 409);
    const gateway = gatewayNamed(order.paymentGateway, new URL(request.url).origin);
    const payment = await gateway.startPayment(db, {
      id: order.id,
      number: order.number,
      totalFen: order.totalFen,
    });
    return redirect(payment.redirectUrl);
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code }, { status: error.status });
    throw error;
  }
}

/** A buyer's after-sales request on one line, with its photos (a multipart form). */
async function askAction(db: DB, access: OrderAccess, form: FormData) {
  const parsed = parseForm(askSchema, form, { multiline: ["details"] });
  if (!parsed.ok) return invalidForm(parsed);
  const photos = await Promise.all(
    form
      .getAll("photos")
      .filter((f): f is File => typeof f !== "string" && f.size > 0)
      .map(async (f) => new Uint8Array(await f.arrayBuffer())),
  );
  try {
    await askAfterSales(db, {
      orderId: access.id,
      lineId: parsed.data.lineId,
      kind: parsed.data.kind,
      reason: parsed.data.reason,
      details: parsed.data.details,
      quantity: parsed.data.quantity,
      userId: access.viewerId,
      photos,
    });
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
  return redirect(`/orders/${access.number}?asked=1#after-sales`);
}

export default function OrderPage() {
  const data = useLoaderData<typeof loader>();
  if ("locked" in data) return <LockedOrder number={data.locked.number} />;
  return <OrderView data={data} />;
}

function OrderView({
  data,
}: {
  data: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { locked: unknown }>;
}) {
  const { order, extras, pickup, sent, reviewLines, invoice, invoiceDone } = data;
  const reply = useActionData<typeof action>();
  const formReply = reply && "errors" in reply ? reply : undefined;
  const invoiceReply = formReply && "form" in formReply ? formReply : undefined;
  const askReply = formReply && !("form" in formReply) ? formReply : undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <article className="order">
      <header className="order__head">
        <p className="muted">{t("order.number")}</p>
        <h1 data-testid="order-number">{order.number}</h1>
        <PickupStatusBadge status={order.status} pickup={pickup !== null} />
      </header>
      <OrderStatusNotes
        order={order}
        backFromPayment={params.get("paid") === "1"}
        pickup={pickup != null}
      />
      {pickup ? <PickupCard pickup={pickup} unpaid={order.status === "pending_payment"} /> : null}
      <OrderLines order={order} refunds={extras.lineRefunds} />
      <OrderReviewLinks lines={reviewLines} />
      <OrderNote note={extras.note} />
      {order.shipments.length ? <OrderParcels shipments={order.shipments} /> : null}
      <OrderRefunds refunds={extras.refunds} />
      <OrderInvoiceSection
        number={order.number}
        invoice={invoice}
        reply={invoiceReply}
        done={invoiceDone}
      />
      <AfterSales
        status={order.status}
        requests={extras.afterSales}
        lines={order.lines.map((l) => ({
          id: l.id,
          name: l.name,
          refundableQuantity:
            extras.lineRefunds.find((r) => r.id === l.id)?.refundableQuantity ?? 0,
        }))}
        reply={askReply}
        sent={sent}
      />
      <OrderTimeline events={extras.timeline} />
      <ShipTo order={order} pickup={pickup !== null} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
