import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCartLines } from "~/domain/cart/cart.server";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { checkoutSchema, NANJING_DISTRICTS } from "~/domain/checkout/checkout-input";
import { placeOrder } from "~/domain/checkout/place-order.server";
import { quoteShipping } from "~/domain/checkout/shipping";
import { DomainError } from "~/domain/errors";
import { activeGateway } from "~/domain/payments/gateways.server";
import { ErrorSummary } from "~/components/error-summary";
import { ChoiceField, Field } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import { Money } from "~/components/money";
import { grantOrder, readCartId } from "~/utils/cookies.server";
import { env } from "~/utils/env.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { getUser } from "~/utils/session.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.checkout"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const user = await getUser(request);
  const lines = await getCartLines(db, await readCartId(request), locale);
  if (!lines.length) throw redirect("/cart");
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const aidFen = lines.reduce((s, l) => s + (l.aidEligible ? l.lineTotalFen : 0), 0);
  return json(
    {
      lines,
      subtotalFen,
      aidFen,
      shipping: quoteShipping(lines),
      problems: lines.some((l) => l.problem),
      // a signed-in buyer starts with their own name and contacts filled in
      prefill: user
        ? { contactName: user.name, phone: user.phone ?? "", email: user.email ?? "" }
        : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
  formParams?: Record<string, string | number>;
};

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db, locale } = await storeContext(request);
  const cartId = await readCartId(request);
  const user = await getUser(request);
  const parsed = parseForm(checkoutSchema, await readFormData(request));
  if (!parsed.ok)
    return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!cartId) return redirect("/cart");
  const gateway = activeGateway(new URL(request.url).origin);
  try {
    const order = await placeOrder(db, {
      cartId,
      input: parsed.data,
      locale,
      gateway: gateway.name,
      ttlMinutes: env().ORDER_TTL_MINUTES,
      userId: user?.id ?? null,
    });
    const payment = await gateway.startPayment(db, {
      id: order.id,
      number: order.number,
      totalFen: order.totalFen,
    });
    const to = new URL(payment.redirectUrl, request.url);
    if (to.origin === new URL(request.url).origin) to.searchParams.set("t", order.accessToken);
    return redirect(
      to.origin === new URL(request.url).origin ? to.pathname + to.search : to.toString(),
      {
        headers: { "Set-Cookie": await grantOrder(request, order.number) },
      },
    );
  } catch (error) {
    if (error instanceof DomainError) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed.data)) if (typeof v === "string") values[k] = v;
      return json<ActionData>(
        { errors: {}, values, formError: error.code, formParams: error.params },
        { status: error.status },
      );
    }
    throw error;
  }
}

// The checkout's fields in the order the form shows them, with their labels: the error
// summary lists errors in this order and names each field.
const FIELD_LABELS = {
  contactName: "checkout.contactName",
  phone: "checkout.phone",
  email: "checkout.email",
  province: "checkout.province",
  city: "checkout.city",
  district: "checkout.district",
  street: "checkout.street",
  buyerType: "checkout.buyerType",
  orgName: "checkout.orgName",
  fundingSource: "checkout.fundingSource",
  invoiceTitle: "checkout.invoiceTitle",
  taxId: "checkout.taxId",
  note: "checkout.note",
} as const;

export default function Checkout() {
  const { lines, subtotalFen, aidFen, shipping, problems, prefill } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const v: Record<string, string | undefined> = actionData?.values ?? prefill ?? {};
  const e = actionData?.errors ?? {};
  const submitting = navigation.state === "submitting";
  const summaryErrors = Object.entries(FIELD_LABELS)
    .filter(([name]) => e[name])
    .map(([name, label]) => ({
      fieldId: `field-${name}`,
      text: t("forms.summaryItem", { label: t(label), message: message(e[name]) }),
    }));
  return (
    <div className="checkout">
      <h1>{t("checkout.title")}</h1>
      {actionData?.formError ? (
        <ErrorSummary
          title={message(actionData.formError, actionData.formParams)}
          errors={[]}
          answer={actionData}
        >
          <p>
            <Link to="/cart">{t("checkout.backToCart")}</Link>
          </p>
        </ErrorSummary>
      ) : summaryErrors.length ? (
        <ErrorSummary
          title={t("forms.fixErrors", { count: summaryErrors.length })}
          errors={summaryErrors}
          answer={actionData}
        />
      ) : null}
      {problems ? (
        <div className="alert alert--error" role="alert">
          {t("cart.fixProblems")} <Link to="/cart">{t("checkout.backToCart")}</Link>
        </div>
      ) : null}
      <div className="checkout__layout">
        <Form method="post" className="checkout__form" noValidate>
          <fieldset>
            <legend>{t("checkout.contact")}</legend>
            <Field
              name="contactName"
              label={t("checkout.contactName")}
              error={e.contactName}
              defaultValue={v.contactName}
              required
              autoComplete="name"
              maxLength={40}
            />
            <Field
              name="phone"
              label={t("checkout.phone")}
              error={e.phone}
              defaultValue={v.phone}
              required
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              hint={t("checkout.phoneHint")}
            />
            <Field
              name="email"
              label={t("checkout.email")}
              error={e.email}
              defaultValue={v.email}
              type="email"
              inputMode="email"
              autoComplete="email"
            />
          </fieldset>
          <fieldset>
            <legend>{t("checkout.address")}</legend>
            <div className="field-row">
              <Field
                name="province"
                label={t("checkout.province")}
                error={e.province}
                defaultValue={v.province ?? "江苏省"}
                required
                autoComplete="address-level1"
              />
              <Field
                name="city"
                label={t("checkout.city")}
                error={e.city}
                defaultValue={v.city ?? "南京市"}
                required
                autoComplete="address-level2"
              />
              <Field
                name="district"
                label={t("checkout.district")}
                error={e.district}
                defaultValue={v.district}
                required
                list="nanjing-districts"
                autoComplete="address-level3"
                hint={t("checkout.districtHint")}
              />
            </div>
            <datalist id="nanjing-districts">
              {NANJING_DISTRICTS.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
            <Field
              name="street"
              label={t("checkout.street")}
              error={e.street}
              defaultValue={v.street}
              required
              autoComplete="street-address"
              maxLength={120}
            />
          </fieldset>
          <fieldset className="checkout__buyer">
            <legend>{t("checkout.buyer")}</legend>
            <ChoiceField
              name="buyerType"
              label={t("checkout.buyerType")}
              error={e.buyerType}
              defaultValue={v.buyerType ?? "individual"}
              required
              options={BUYER_TYPES.map((b) => ({ value: b, label: t(`buyerType.${b}`) }))}
            />
            {/* Shown by CSS (:has) once an institution type is picked, with or without
                JavaScript; the schema requires both only from institutions. */}
            <div className="institution">
              <p className="field-hint">{t("checkout.institutionHint")}</p>
              <Field
                name="orgName"
                label={t("checkout.orgName")}
                error={e.orgName}
                defaultValue={v.orgName}
                required
                maxLength={80}
              />
              <ChoiceField
                name="fundingSource"
                label={t("checkout.fundingSource")}
                error={e.fundingSource}
                defaultValue={v.fundingSource}
                required
                options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`fundingSource.${f}`) }))}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("checkout.invoiceLegend")}</legend>
            <Field
              name="invoiceTitle"
              label={t("checkout.invoiceTitle")}
              error={e.invoiceTitle}
              defaultValue={v.invoiceTitle}
              maxLength={80}
            />
            <Field
              name="taxId"
              label={t("checkout.taxId")}
              error={e.taxId}
              defaultValue={v.taxId}
              maxLength={18}
              hint={t("checkout.taxIdHint")}
            />
          </fieldset>
          <fieldset>
            <legend>{t("checkout.noteLegend")}</legend>
            <Field
              name="note"
              label={t("checkout.note")}
              error={e.note}
              defaultValue={v.note}
              maxLength={200}
            />
          </fieldset>
          <button type="submit" className="button button--large" disabled={submitting || problems}>
            {submitting ? t("checkout.placing") : t("checkout.place")}
          </button>
          <p className="field-hint">{t("checkout.expiryHint")}</p>
        </Form>
        <aside className="summary" aria-labelledby="checkout-summary">
          <h2 id="checkout-summary">{t("cart.summary")}</h2>
          <ul className="summary__lines">
            {lines.map((l) => (
              <li key={l.productId}>
                <span>
                  {l.name} × {l.quantity}
                </span>
                <Money fen={l.lineTotalFen} />
              </li>
            ))}
          </ul>
          <dl>
            <div>
              <dt>{t("cart.subtotal")}</dt>
              <dd>
                <Money fen={subtotalFen} />
              </dd>
            </div>
            <div>
              <dt>{t("cart.shipping")}</dt>
              <dd>
                {shipping.totalFen ? <Money fen={shipping.totalFen} /> : t("cart.freeShipping")}
              </dd>
            </div>
            <div className="summary__total">
              <dt>{t("cart.total")}</dt>
              <dd data-testid="checkout-total">
                <Money fen={subtotalFen + shipping.totalFen} />
              </dd>
            </div>
          </dl>
          <p className="aid-note">
            {t("cart.aidShare")} <Money fen={aidFen} />
          </p>
        </aside>
      </div>
    </div>
  );
}
