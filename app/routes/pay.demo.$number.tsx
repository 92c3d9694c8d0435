import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DomainError } from "~/domain/errors";
import { demoPaymentSchema } from "~/domain/orders/order-input";
import { getOrderDetail, orderPaymentState } from "~/domain/orders/orders.server";
import { completeDemoPayment } from "~/domain/payments/demo-gateway.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import { requireOrderAccess } from "~/utils/order-access.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.pay"),
    () => [NOINDEX],
  );

// Only orders that chose the demo gateway can be "paid" here.
function requireDemo<T extends { paymentGateway: string }>(order: T): T {
  if (order.paymentGateway !== "demo") throw new Response("Not Found", { status: 404 });
  return order;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const access = await requireOrderAccess(db, request, params.number);
  const order = requireDemo(await getOrderDetail(db, access.id, locale));
  return json(
    {
      number: order.number,
      status: order.status,
      totalFen: order.totalFen,
      aidFen: order.aidEligibleFen,
      expiresAt: order.expiresAt,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const access = await requireOrderAccess(db, request, params.number);
  const order = requireDemo(await orderPaymentState(db, access.id));
  const parsed = demoPaymentSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: "pay.badChoice" }, { status: 400 });
  if (order.status !== "pending_payment") {
    return json(
      { error: order.status === "expired" ? "pay.expired" : "pay.notPayable" },
      { status: 409 },
    );
  }
  try {
    await completeDemoPayment(db, order.id, parsed.data.choice);
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code }, { status: error.status });
    throw error;
  }
  return redirect(`/orders/${order.number}`);
}

export default function DemoPayment() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const busy = navigation.state !== "idle";
  return (
    <section className="demo-pay" aria-labelledby="demo-pay-title">
      <p className="demo-pay__banner" role="note">
        {t("pay.demoBanner")}
      </p>
      <h1 id="demo-pay-title">{t("pay.title")}</h1>
      <p>
        {t("order.number")} <strong>{data.number}</strong>
      </p>
      <p className="demo-pay__amount">
        <Money fen={data.totalFen} />
      </p>
      {data.aidFen > 0 ? (
        <p className="aid-note">
          {t("cart.aidShare")} <Money fen={data.aidFen} />
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="alert alert--error" role="alert">
          {message(actionData.error)}
        </p>
      ) : null}
      {data.status === "pending_payment" ? (
        <div className="button-row">
          <Form method="post">
            <input type="hidden" name="choice" value="succeeded" />
            <button type="submit" className="button button--large" disabled={busy}>
              {t("pay.confirm")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="choice" value="cancelled" />
            <button type="submit" className="button button--ghost" disabled={busy}>
              {t("pay.cancel")}
            </button>
          </Form>
        </div>
      ) : (
        <p>
          <Link to={`/orders/${data.number}`}>{t("pay.toOrder")}</Link>
        </p>
      )}
      <p className="field-hint">{t("pay.demoExplain")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
