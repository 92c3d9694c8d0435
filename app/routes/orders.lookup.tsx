import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DomainError } from "~/domain/errors";
import { orderLookupSchema } from "~/domain/orders/order-input";
import { lookupOrder } from "~/domain/orders/orders.server";
import { Field } from "~/components/field";
import { grantOrder } from "~/utils/cookies.server";
import { invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { clientIpOf } from "~/load-context";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.orderLookup"));

/** A refused lookup says which way: no such order, or too many wrong guesses for now. */
type LookupReply = FormReply & { notFound: boolean; locked?: { minutes: number } };

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(orderLookupSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  try {
    const number = await lookupOrder(
      db,
      parsed.data.number,
      parsed.data.phone,
      clientIpOf(context),
    );
    return redirect(`/orders/${number}`, {
      headers: { "Set-Cookie": await grantOrder(request, number) },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return json<LookupReply>(
        {
          errors: {},
          values: { number: parsed.data.number, phone: parsed.data.phone },
          notFound: error.status === 404,
          locked: error.status === 429 ? { minutes: Number(error.params.minutes) } : undefined,
        },
        { status: error.status },
      );
    }
    throw error;
  }
}

function isRefusal(data: unknown): data is Pick<LookupReply, "notFound" | "locked"> {
  return typeof data === "object" && data !== null && "notFound" in data;
}

export default function Lookup() {
  const data = useActionData<typeof action>();
  const refusal = isRefusal(data) ? data : null;
  // the number from an order link opened on another device (see orders.$number)
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t("lookup.title")}</h1>
      <p>{t("lookup.lead")}</p>
      {refusal?.locked ? (
        <p className="alert alert--error" role="alert">
          {t("lookup.locked", { minutes: refusal.locked.minutes })}
        </p>
      ) : null}
      {refusal?.notFound ? (
        <p className="alert alert--error" role="alert">
          {t("lookup.notFound")}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field
          name="number"
          label={t("lookup.number")}
          error={data?.errors.number}
          defaultValue={data?.values.number ?? params.get("number") ?? undefined}
          required
          hint={t("lookup.numberHint")}
        />
        <Field
          name="phone"
          label={t("checkout.phone")}
          error={data?.errors.phone}
          defaultValue={data?.values.phone}
          required
          type="tel"
          inputMode="tel"
        />
        <button type="submit" className="button">
          {t("lookup.submit")}
        </button>
      </Form>
    </section>
  );
}
