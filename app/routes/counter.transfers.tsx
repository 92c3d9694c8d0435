// /counter/transfers: transfers sent to this counter (ADR 049). Each one still to receive
// has a form with a received quantity per line (the quantity sent unless changed) and a
// reason where they differ; received ones are listed below with their differences.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert } from "~/components/form-alert";
import { ReceiveCard, ReceivedCard } from "~/components/counter-transfer-cards";
import { idSchema, parseReceive } from "~/domain/counters/desk-input";
import {
  counterTransfers,
  quantitiesSent,
  receiveTransfer,
} from "~/domain/counters/transfers.server";
import counterDeskCss from "~/styles/counter-desk.css";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireCounterStaff } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: counterDeskCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("counterDesk.receive.title"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const transfers = await counterTransfers(db, counter.id, locale);
  return json(transfers, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, counter } = await requireCounterStaff(request);
  const { db } = await storeContext(request);
  const form = await readFormData(request);
  const id = parseForm(idSchema.passthrough(), form);
  if (!id.ok) return invalidForm(id, { formError: "counterDesk.form.badId" });
  try {
    const sent = await quantitiesSent(db, counter.id, id.data.id);
    const parsed = parseReceive(formValues(form), sent);
    if (!parsed.ok) return invalidForm(parsed);
    const { differences } = await receiveTransfer(db, {
      counterId: counter.id,
      transferId: id.data.id,
      received: parsed.data.lines,
      by: { id: user.id, name: user.name },
    });
    return redirect(`/counter/transfers?received=${id.data.id}&differences=${differences}`);
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
}

export default function CounterTransfers() {
  const { toReceive, received } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const done = search.get("received");
  const differences = Number(search.get("differences") ?? 0);
  return (
    <section className="counter-desk" aria-labelledby="transfers-title">
      <h1 id="transfers-title">{t("counterDesk.receive.title")}</h1>
      <p className="muted">{t("counterDesk.receive.lead")}</p>
      {done && !reply ? (
        <p className="alert alert--success" role="status">
          {differences > 0
            ? t("counterDesk.receive.doneWithDifferences", { id: done, count: differences })
            : t("counterDesk.receive.done", { id: done })}
        </p>
      ) : null}
      {reply && !toReceive.some((tr) => reply.values.id === String(tr.id)) ? (
        <FormAlert reply={reply} />
      ) : null}
      <h2>{t("counterDesk.receive.toReceive")}</h2>
      {toReceive.length === 0 ? <p>{t("counterDesk.receive.empty")}</p> : null}
      {toReceive.map((tr) => (
        <ReceiveCard
          key={tr.id}
          transfer={tr}
          reply={reply?.values.id === String(tr.id) ? reply : undefined}
        />
      ))}
      <h2>{t("counterDesk.receive.receivedTitle")}</h2>
      {received.length === 0 ? <p>{t("counterDesk.receive.receivedEmpty")}</p> : null}
      {received.map((tr) => (
        <ReceivedCard key={tr.id} transfer={tr} />
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
