import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { orderBuyerReviewStates } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { DomainError } from "~/domain/errors";
import { orderIntentSchema } from "~/domain/orders/order-input";
import { cancelUnpaidOrder, getOrderDetail } from "~/domain/orders/orders.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { confirmStripeReturn } from "~/domain/payments/reconcile.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderReviewLinks } from "~/components/buyer-reviews/order-review-links";
import { StatusBadge } from "~/components/status-badge";
import fulfilCss from "~/styles/fulfil.css";
import { grantOrder } from "~/utils/cookies.server";
import { requireOrderAccess } from "~/utils/order-access.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { getUser } from "~/utils/session.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { OrderLines } from "./order-lines";
import { OrderParcels } from "./order-parcels";
import { OrderStatusNotes } from "./order-status-notes";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fulfilCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.order", { number: data.order.number }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const access = await requireOrderAccess(db, request, params.number);
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
  // the signed-in buyer's delivered lines and their reviews; none for a guest with the link
  const reviewLines = await orderBuyerReviewStates(
    db,
    { orderId: access.id, userId: (await getUser(request))?.id },
    locale,
  );
  return json(
    { order, reviewLines, now: new Date().toISOString() },
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
  const parsed = orderIntentSchema.safeParse(Object.fromEntries(await readFormData(request)));
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

export default function OrderPage() {
  const { order, reviewLines } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <article className="order">
      <header className="order__head">
        <p className="muted">{t("order.number")}</p>
        <h1 data-testid="order-number">{order.number}</h1>
        <StatusBadge status={order.status} />
      </header>
      <OrderStatusNotes order={order} backFromPayment={params.get("paid") === "1"} />
      <OrderLines order={order} />
      <OrderReviewLinks lines={reviewLines} />
      {order.shipments.length ? <OrderParcels shipments={order.shipments} /> : null}
      <section aria-labelledby="ship-title" className="section">
        <h2 id="ship-title">{t("order.shipTo")}</h2>
        <p>
          {order.contactName} · {order.phoneMasked}
        </p>
        <p>
          {order.province} {order.city} {order.district} {order.street}
        </p>
        <p className="muted">
          {t(`buyerType.${order.buyerType}`)}
          {order.orgName ? ` · ${order.orgName}` : ""}
        </p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
