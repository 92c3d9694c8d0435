// /counter: the counter's pickups (ADR 049). Find a pickup order of this counter by its
// pickup code or the buyer's phone, hand it over, and see the orders still waiting.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/form-alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import { idSchema, searchSchema } from "~/domain/counters/desk-input";
import { QUERY_MAX } from "~/domain/counters/desk-fields";
import {
  findPickupOrders,
  handOver,
  type PickupOrder,
  waitingForPickup,
} from "~/domain/counters/handover.server";
import counterDeskCss from "~/styles/counter-desk.css";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireCounterStaff } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: counterDeskCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("counterDesk.handover.title"),
    () => [NOINDEX],
  );

type Waiting = Awaited<ReturnType<typeof waitingForPickup>>[number];
const when = (at: string) => shanghaiDateTime(at);

export async function loader({ request }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const url = new URL(request.url);
  const search = searchSchema.safeParse({ q: url.searchParams.get("q") ?? "" });
  const q = search.success ? search.data.q : "";
  const results = q ? await findPickupOrders(db, counter.id, q, locale) : null;
  const waiting = await waitingForPickup(db, counter.id);
  return json(
    {
      q,
      queryError: search.success ? null : "counterDesk.form.queryTooLong",
      results,
      waiting,
      handed: url.searchParams.get("handed"),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, counter } = await requireCounterStaff(request);
  const form = await readFormData(request);
  const parsed = parseForm(idSchema.extend({ q: searchSchema.shape.q.optional() }), form);
  if (!parsed.ok) return invalidForm(parsed, { formError: "counterDesk.form.badId" });
  try {
    const { number } = await handOver((await storeContext(request)).db, {
      counterId: counter.id,
      orderId: parsed.data.id,
      staff: { id: user.id, name: user.name },
    });
    const back = new URLSearchParams({ q: parsed.data.q ?? "", handed: number });
    return redirect(`/counter?${back}`);
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
}

function PickupCard({ order: o, q }: { order: PickupOrder; q: string }) {
  const { t } = useTranslation();
  return (
    <li className="office-panel pickup-card" id={`order-${o.id}`}>
      <h3>{t("counterDesk.handover.order", { number: o.number })}</h3>
      <dl className="pickup-facts">
        <dt>{t("counterDesk.handover.status")}</dt>
        <dd>
          <span className={`status status--${o.status}`}>
            {t(`counterDesk.status.${o.status}`)}
          </span>
        </dd>
        <dt>{t("counterDesk.handover.paidLabel")}</dt>
        <dd>
          {o.paid ? t("counterDesk.handover.paid") : t("counterDesk.handover.unpaid")}{" "}
          <Money fen={o.totalFen} />
        </dd>
        <dt>{t("counterDesk.handover.buyer")}</dt>
        <dd>{o.buyerName}</dd>
        <dt>{t("counterDesk.handover.phone")}</dt>
        <dd className="nowrap">{o.phoneMasked}</dd>
        {o.pickupCode ? (
          <>
            <dt>{t("counterDesk.handover.code")}</dt>
            <dd className="pickup-code">{o.pickupCode}</dd>
          </>
        ) : null}
      </dl>
      <h4>{t("counterDesk.handover.lines")}</h4>
      <ul className="pickup-lines">
        {o.lines.map((l, i) => (
          <li key={i}>
            {l.name}{" "}
            <span className="nowrap">
              {t("counterDesk.handover.quantity", { quantity: l.quantity, unit: l.unit })}
            </span>
          </li>
        ))}
      </ul>
      {o.collectedAt ? (
        <p className="muted">
          {t("counterDesk.handover.collected", {
            at: when(o.collectedAt),
            name: o.collectedByName ?? "",
          })}
        </p>
      ) : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="id" value={o.id} />
          <input type="hidden" name="q" value={q} />
          <button type="submit" className="button" disabled={o.status !== "paid"}>
            {t("counterDesk.handover.handOver")}
          </button>
        </Form>
      )}
    </li>
  );
}

function WaitingTable({ waiting }: { waiting: Waiting[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="waiting-title">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("counterDesk.handover.orderHead")}</th>
            <th scope="col">{t("counterDesk.handover.buyer")}</th>
            <th scope="col">{t("counterDesk.handover.phone")}</th>
            <th scope="col">{t("counterDesk.handover.paidAt")}</th>
            <th scope="col" className="num">
              {t("counterDesk.handover.days")}
            </th>
          </tr>
        </thead>
        <tbody>
          {waiting.map((w) => (
            <tr key={w.id}>
              <td className="nowrap">
                <a href={`/counter?q=${encodeURIComponent(w.pickupCode ?? "")}`}>{w.number}</a>
              </td>
              <td className="nowrap">{w.buyerName}</td>
              <td className="nowrap">{w.phoneMasked}</td>
              <td className="nowrap">{w.paidAt ? when(w.paidAt) : ""}</td>
              <td className={w.daysWaiting >= 7 ? "num attention" : "num"}>
                {t("counterDesk.handover.daysCount", { count: w.daysWaiting })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function CounterPickups() {
  const { q, queryError, results, waiting, handed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="counter-desk" aria-labelledby="pickups-title">
      <h1 id="pickups-title">{t("counterDesk.handover.title")}</h1>
      <p className="muted">{t("counterDesk.handover.lead")}</p>
      {handed && !reply ? (
        <p className="alert alert--success" role="status">
          {t("counterDesk.handover.handed", { number: handed })}
        </p>
      ) : null}
      <FormAlert reply={reply} />
      <Form method="get" className="form counter-search" role="search">
        <Field
          name="q"
          label={t("counterDesk.handover.searchLabel")}
          hint={t("counterDesk.handover.searchHint")}
          defaultValue={q}
          maxLength={QUERY_MAX}
          autoComplete="off"
          error={queryError ?? undefined}
        />
        <button type="submit" className="button">
          {t("counterDesk.handover.search")}
        </button>
      </Form>

      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t("counterDesk.handover.results")}</h2>
          {results.length === 0 ? <p>{t("counterDesk.handover.noResults", { q })}</p> : null}
          <ul className="pickup-list">
            {results.map((o) => (
              <PickupCard key={o.id} order={o} q={q} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t("counterDesk.handover.waitingTitle")}</h2>
        <p className="muted">{t("counterDesk.handover.waitingLead")}</p>
        {waiting.length === 0 ? (
          <p>{t("counterDesk.handover.waitingEmpty")}</p>
        ) : (
          <WaitingTable waiting={waiting} />
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
