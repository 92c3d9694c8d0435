import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  applySavedAddress,
  checkoutAddresses,
  regionToSave,
  saveCheckoutAddress,
} from "~/domain/account/checkout-address.server";
import { getCartLines } from "~/domain/cart/cart.server";
import { cartTotals } from "~/domain/cart/totals";
import { checkoutSchemaFor } from "~/domain/checkout/checkout-input";
import { placeOrder } from "~/domain/checkout/place-order.server";
import { institutionOf } from "~/domain/institutions/institutions.server";
import { pickupChoices, pickupOptions } from "~/domain/pickup/pickup-counters.server";
import { activeGateway } from "~/domain/payments/gateways.server";
import { ErrorSummary } from "~/components/error-summary";
import { useMessage } from "~/i18n/use-message";
import { grantOrder, readCartId } from "~/utils/cookies.server";
import { env } from "~/utils/env.server";
import { domainErrorReply, invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { getUser } from "~/utils/session.server";
import { pageMeta } from "~/utils/meta";
import accountBookCss from "~/styles/account-book.css";
import pickupCss from "~/styles/pickup.css";
import { CHECKOUT_FIELDS, type CheckoutFormState } from "./checkout-field";
import { CheckoutForm } from "./checkout-form";
import { CheckoutSummary } from "./checkout-summary";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: accountBookCss },
  { rel: "stylesheet", href: pickupCss },
];

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.checkout"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const user = await getUser(request);
  const lines = await getCartLines(db, await readCartId(request), locale);
  if (!lines.length) throw redirect("/cart");
  const [savedAddresses, institution] = user
    ? await Promise.all([checkoutAddresses(db, user.id), institutionOf(db, user.id)])
    : [[], null];
  const counters = await pickupOptions(db, lines, locale);
  return json(
    {
      lines,
      totals: cartTotals(lines),
      problems: lines.some((l) => l.problem),
      // a signed-in buyer starts with their own name and contacts filled in
      prefill: user
        ? { contactName: user.name, phone: user.phone ?? "", email: user.email ?? "" }
        : null,
      savedAddresses,
      signedIn: Boolean(user),
      institution: institution ? { name: institution.name, type: institution.type } : null,
      // the counters to collect at, each with the lines it lacks (ADR 048)
      counters: counters.map(({ districtZh: _d, addressZh: _a, ...shown }) => shown),
      pickupTotalFen: cartTotals(lines).subtotalFen,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** Where the payment starts; on this site, with the order's access token in the link. */
function paymentLocation(request: Request, redirectUrl: string, accessToken: string) {
  const here = new URL(request.url).origin;
  const to = new URL(redirectUrl, request.url);
  if (to.origin !== here) return to.toString();
  to.searchParams.set("t", accessToken);
  return to.pathname + to.search;
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db, locale } = await storeContext(request);
  const cartId = await readCartId(request);
  const user = await getUser(request);
  const formData = await readFormData(request);
  const kept = { addressId: String(formData.get("addressId") ?? "") };
  try {
    // a pickup order's address is its counter's; a saved address is not read
    if (!formData.get("counterId")) await applySavedAddress(db, user?.id ?? null, formData);
  } catch (error) {
    return domainErrorReply(error, kept);
  }
  if (!cartId) return redirect("/cart");
  // a counter may be chosen only if it holds every line of the cart as it is now
  const counters = pickupChoices(
    await pickupOptions(db, await getCartLines(db, cartId, locale), locale),
  );
  const parsed = parseForm(checkoutSchemaFor(counters), formData);
  if (!parsed.ok) return invalidForm(parsed);
  const saving = Boolean(user && formData.get("saveAddress") && !parsed.data.counterId);
  const gateway = activeGateway(new URL(request.url).origin);
  try {
    const region = saving ? regionToSave(parsed.data) : null;
    const order = await placeOrder(db, {
      cartId,
      input: parsed.data,
      locale,
      gateway: gateway.name,
      ttlMinutes: env().ORDER_TTL_MINUTES,
      userId: user?.id ?? null,
    });
    if (user && region) await saveCheckoutAddress(db, user.id, parsed.data, region);
    const payment = await gateway.startPayment(db, {
      id: order.id,
      number: order.number,
      totalFen: order.totalFen,
    });
    return redirect(paymentLocation(request, payment.redirectUrl, order.accessToken), {
      headers: { "Set-Cookie": await grantOrder(request, order.number) },
    });
  } catch (error) {
    // the form shows the input as the schema read it
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.data)) if (typeof v === "string") values[k] = v;
    if (parsed.data.counterId !== null) values.counterId = String(parsed.data.counterId);
    if (saving) values.saveAddress = "1";
    return domainErrorReply(error, values);
  }
}

/** Why the order was not placed: the rule that said no, or each field to fix, in order. */
function CheckoutErrors({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  if (reply?.formError) {
    return (
      <ErrorSummary
        title={message(reply.formError, reply.params?._form)}
        errors={[]}
        answer={reply}
      >
        <p>
          <Link to="/cart">{t("checkout.backToCart")}</Link>
        </p>
      </ErrorSummary>
    );
  }
  const errors = reply?.errors ?? {};
  const summaryErrors = Object.entries(CHECKOUT_FIELDS)
    .filter(([name]) => errors[name])
    .map(([name, label]) => ({
      fieldId: `field-${name}`,
      text: t("forms.summaryItem", { label: t(label), message: message(errors[name]) }),
    }));
  if (!summaryErrors.length) return null;
  return (
    <ErrorSummary
      title={t("forms.fixErrors", { count: summaryErrors.length })}
      errors={summaryErrors}
      answer={reply}
    />
  );
}

export default function Checkout() {
  const {
    lines,
    totals,
    problems,
    prefill,
    savedAddresses,
    signedIn,
    institution,
    counters,
    pickupTotalFen,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const form: CheckoutFormState = {
    errors: reply?.errors ?? {},
    values: reply?.values ?? prefill ?? {},
  };
  return (
    <div className="checkout">
      <h1>{t("checkout.title")}</h1>
      <CheckoutErrors reply={reply} />
      {problems ? (
        <div className="alert alert--error" role="alert">
          {t("cart.fixProblems")} <Link to="/cart">{t("checkout.backToCart")}</Link>
        </div>
      ) : null}
      <div className="checkout__layout">
        <CheckoutForm
          form={form}
          blocked={problems}
          savedAddresses={savedAddresses}
          signedIn={signedIn}
          institution={institution}
          counters={counters}
        />
        <CheckoutSummary
          lines={lines}
          totals={totals}
          pickupTotalFen={counters.some((c) => !c.missing.length) ? pickupTotalFen : null}
        />
      </div>
    </div>
  );
}
