// /counter/till — ring up a walk-in sale from this counter's shelf (ADR 050). The sale being
// rung up lives in the form itself: "add" and "remove" post it and get it back priced, so
// the page needs no script; "sell" records it in one transaction and opens the receipt.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseTillBuyer, parseTillForm } from "~/domain/counters/till-input";
import { recordTillSale } from "~/domain/counters/till.server";
import { tillDraft, tillShelf, todaysTillSales } from "~/domain/counters/till-reads.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import tillCss from "~/styles/till.css";
import { domainErrorReply } from "~/utils/forms";
import { requireCounterStaff } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { SaleForm } from "./sale-form";
import { TodaysSales } from "./todays-sales";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tillCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("till.title"),
    () => [NOINDEX],
  );

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const [shelf, draft, sales] = await Promise.all([
    tillShelf(db, counter.id, locale),
    tillDraft(db, counter.id, [], locale),
    todaysTillSales(db, counter.id),
  ]);
  return json({ shelf, draft, sales }, { headers: PRIVATE });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const form = parseTillForm(await readFormData(request));
  const draft = await tillDraft(db, counter.id, form.lines, locale);
  const errors = { ...form.errors };
  let buyer = null;
  if (form.intent.kind === "sell") {
    const parsed = parseTillBuyer(form.values);
    if (parsed.ok) buyer = parsed.data;
    else Object.assign(errors, parsed.errors);
    if (!form.lines.length) errors.product ??= "till.sale.errors.empty";
  }
  const reply = { draft, values: form.values, errors };
  if (Object.keys(errors).length) return json(reply, { status: 400, headers: PRIVATE });
  if (!buyer) return json(reply, { headers: PRIVATE });
  const { payment, ...who } = buyer;
  try {
    const sale = await recordTillSale(db, {
      counterId: counter.id,
      clerk: { id: user.id, name: user.name },
      locale,
      lines: form.lines,
      payment,
      buyer: who,
    });
    return redirect(`/counter/till/${sale.number}?sold=1`);
  } catch (error) {
    return domainErrorReply(error, form.values, { draft });
  }
}

export default function Till() {
  const { shelf, draft, sales } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="till-title" className="till">
      <h1 id="till-title">{t("till.title")}</h1>
      <p className="section__lead">{t("till.sale.lead")}</p>
      <SaleForm shelf={shelf} draft={reply?.draft ?? draft} reply={reply} />
      <TodaysSales sales={sales} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
