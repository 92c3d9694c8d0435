import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DomainError } from "~/domain/errors";
import { cancelUnpaidOrder, getOrderDetail } from "~/domain/orders/orders.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { confirmStripeReturn } from "~/domain/payments/reconcile.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { CarrierName, ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import { StatusBadge } from "~/components/status-badge";
import fulfilCss from "~/styles/fulfil.css";
import { grantOrder } from "~/utils/cookies.server";
import { requireOrderAccess } from "~/utils/order-access.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { orderIntentSchema as schema } from "~/domain/orders/order-input";

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
    order.payment_gateway === "stripe" &&
    (await confirmStripeReturn(db, access.id))
  ) {
    order = await getOrderDetail(db, access.id, locale);
  }
  return json(
    { order, now: new Date().toISOString() },
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
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: "order.badRequest" }, { status: 400 });
  const order = await getOrderDetail(db, access.id, locale);
  try {
    if (parsed.data.intent === "cancel") {
      await cancelUnpaidOrder(db, access.id);
      return redirect(`/orders/${access.number}`);
    }
    if (order.status !== "pending_payment") throw new DomainError("order.notPayable", 409);
    const payment = await gatewayNamed(
      order.payment_gateway,
      new URL(request.url).origin,
    ).startPayment(db, {
      id: order.id,
      number: order.number,
      totalFen: order.total_fen,
    });
    return redirect(payment.redirectUrl);
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code }, { status: error.status });
    throw error;
  }
}

export default function OrderPage() {
  const { order } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Back from Stripe and still unpaid after asking Stripe once: the payment is on its way.
  const confirming = params.get("paid") === "1" && order.status === "pending_payment";
  const { t } = useTranslation();
  const paid = ["paid", "partially_fulfilled", "fulfilled", "completed"].includes(order.status);
  return (
    <article className="order">
      <header className="order__head">
        <p className="muted">{t("order.number")}</p>
        <h1 data-testid="order-number">{order.number}</h1>
        <StatusBadge status={order.status} />
      </header>
      {paid ? (
        <div className="alert alert--success" role="status">
          <p>{t("order.thanks")}</p>
          {order.aid_eligible_fen > 0 ? (
            <p className="aid-note" data-testid="order-aid">
              {t("order.aidCounted")} <Money fen={order.aid_eligible_fen} />
            </p>
          ) : null}
        </div>
      ) : null}
      {confirming ? (
        <div className="alert" role="status" data-testid="payment-confirming">
          <p>{t("order.confirming")}</p>
          <p>
            <Link to={`/orders/${order.number}?paid=1`}>{t("order.refresh")}</Link>
          </p>
        </div>
      ) : null}
      {order.status === "pending_payment" && !confirming ? (
        <div className="alert" role="status">
          <p>
            {t("order.awaitingPayment", {
              time: new Date(order.expires_at).toLocaleTimeString("zh-CN", {
                timeZone: "Asia/Shanghai",
                hour: "2-digit",
                minute: "2-digit",
              }),
            })}
          </p>
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="pay" />
              <button type="submit" className="button">
                {t("order.payNow")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button button--ghost">
                {t("order.cancel")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {order.status === "expired" ? <p className="alert">{t("order.expiredNote")}</p> : null}
      {order.status === "cancelled" ? <p className="alert">{t("order.cancelledNote")}</p> : null}

      <section aria-labelledby="lines-title" className="section">
        <h2 id="lines-title">{t("order.items")}</h2>
        <ul className="order__lines">
          {order.lines.map((l) => (
            <li key={l.id} className="order-line" data-testid="order-line">
              <img src={l.image} alt="" width={80} height={60} />
              <div>
                <Link to={`/products/${l.product_slug}`}>{l.name}</Link>
                <p className="muted">
                  {l.unit} · {l.cooperative_name_zh}
                  {l.county_name ? ` · ${l.county_name}` : ""}
                  {l.paired_district
                    ? ` → ${t("product.nanjingDistrict", { district: l.paired_district })}`
                    : ""}
                </p>
                {l.aid_eligible ? <span className="aid-chip">{t("product.aidCounts")}</span> : null}
              </div>
              <p>
                {l.quantity} × <Money fen={l.unit_price_fen} />
              </p>
              <p className="order-line__total">
                <Money fen={l.line_total_fen} />
              </p>
            </li>
          ))}
        </ul>
        <dl className="totals">
          <div>
            <dt>{t("cart.subtotal")}</dt>
            <dd>
              <Money fen={order.subtotal_fen} />
            </dd>
          </div>
          <div>
            <dt>{t("cart.shipping")}</dt>
            <dd>
              {order.shipping_fen ? <Money fen={order.shipping_fen} /> : t("cart.freeShipping")}
            </dd>
          </div>
          <div className="summary__total">
            <dt>{t("cart.total")}</dt>
            <dd data-testid="order-total">
              <Money fen={order.total_fen} />
            </dd>
          </div>
        </dl>
      </section>

      {order.shipments.length ? (
        <section aria-labelledby="parcels-title" className="section" data-testid="shipments">
          <h2 id="parcels-title">{t("fulfil.order.title")}</h2>
          <p className="muted">{t("fulfil.order.lead")}</p>
          <ul className="parcels">
            {order.shipments.map((s) => (
              <li key={s.id} className="parcel" data-testid="shipment" data-status={s.status}>
                <div className="parcel__head">
                  <p className="parcel__name">
                    {t("fulfil.order.parcel", { name: s.cooperative_name })}
                    {s.cold_chain ? (
                      <span className="tag tag--cold">{t("fulfil.coldChain")}</span>
                    ) : null}
                  </p>
                  <ShipmentStatusChip status={s.status} />
                </div>
                {s.tracking_number ? (
                  <dl>
                    <dt>{t("fulfil.order.carrier")}</dt>
                    <dd>
                      <CarrierName carrier={s.carrier} />
                    </dd>
                    <dt>{t("fulfil.order.tracking")}</dt>
                    <dd className="tracking" data-testid="tracking-number">
                      {s.tracking_number}
                    </dd>
                    {s.shipped_at ? (
                      <>
                        <dt>{t("fulfil.order.shippedAt")}</dt>
                        <dd>
                          <ShanghaiTime at={s.shipped_at} />
                        </dd>
                      </>
                    ) : null}
                  </dl>
                ) : (
                  <p className="field-hint">{t("fulfil.order.waiting")}</p>
                )}
                <ul className="parcel__lines">
                  {s.lines.map((l) => (
                    <li key={l.id}>
                      {l.name} × {l.quantity}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="ship-title" className="section">
        <h2 id="ship-title">{t("order.shipTo")}</h2>
        <p>
          {order.contact_name} · {order.phoneMasked}
        </p>
        <p>
          {order.province} {order.city} {order.district} {order.street}
        </p>
        <p className="muted">
          {t(`buyerType.${order.buyer_type}`)}
          {order.org_name ? ` · ${order.org_name}` : ""}
        </p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
