// /counter/stock: the counter's shelf and its stock count (ADR 049). The form carries the
// quantity each line showed; applying refuses the whole count when the shelf moved since.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert } from "~/components/form-alert";
import { TableScroll } from "~/components/table-scroll";
import { parseCount } from "~/domain/counters/desk-input";
import { REASON_MAX } from "~/domain/counters/desk-fields";
import { applyCount, counterShelf, recentAdjustments } from "~/domain/counters/stock-count.server";
import { useMessage } from "~/i18n/use-message";
import counterDeskCss from "~/styles/counter-desk.css";
import {
  domainErrorReply,
  formValues,
  invalidForm,
  screenControlCharacters,
  type FormReply,
} from "~/utils/forms";
import { requireCounterStaff } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: counterDeskCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("counterDesk.stock.title"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const [shelf, adjustments] = await Promise.all([
    counterShelf(db, counter.id, locale),
    recentAdjustments(db, counter.id, locale),
  ]);
  return json({ shelf, adjustments }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, counter } = await requireCounterStaff(request);
  const { db, locale } = await storeContext(request);
  const form = await readFormData(request);
  const screened = screenControlCharacters(formValues(form));
  const parsed = parseCount(screened.values);
  if (!parsed.ok || Object.keys(screened.errors).length > 0) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...screened.errors };
    const { _form: formError, ...fields } = errors;
    return invalidForm({ errors: fields, values: screened.values }, formError ? { formError } : {});
  }
  try {
    const differences = await applyCount(db, {
      counterId: counter.id,
      lines: parsed.data.lines,
      by: { id: user.id, name: user.name },
      locale,
    });
    return redirect(`/counter/stock?applied=${differences}`);
  } catch (error) {
    return domainErrorReply(error, screened.values);
  }
}

type Shelf = Awaited<ReturnType<typeof counterShelf>>[number];
type Adjustment = Awaited<ReturnType<typeof recentAdjustments>>[number];

function CountRow({ line: s, reply, stale }: { line: Shelf; reply?: FormReply; stale: boolean }) {
  const { t } = useTranslation();
  const message = useMessage();
  // after "changed", the clerk counts again from the figures the page shows now
  const kept = (name: string) => (stale ? undefined : reply?.values[name]);
  const countedError = reply?.errors[`counted-${s.productId}`];
  const reasonError = reply?.errors[`reason-${s.productId}`];
  return (
    <tr>
      <th scope="row">
        {s.name} <span className="muted">{s.unit}</span>
      </th>
      <td className="num">{s.quantity}</td>
      <td className={countedError ? "field--invalid" : undefined}>
        <input type="hidden" name={`shown-${s.productId}`} value={s.quantity} />
        <input
          name={`counted-${s.productId}`}
          inputMode="numeric"
          size={5}
          aria-label={`${t("counterDesk.stock.counted")} · ${s.name}`}
          defaultValue={kept(`counted-${s.productId}`) ?? String(s.quantity)}
          aria-invalid={countedError ? true : undefined}
        />
        {countedError ? <p className="field-error">{message(countedError)}</p> : null}
      </td>
      <td className={reasonError ? "field--invalid" : undefined}>
        <input
          name={`reason-${s.productId}`}
          maxLength={REASON_MAX}
          aria-label={`${t("counterDesk.stock.reason")} · ${s.name}`}
          defaultValue={kept(`reason-${s.productId}`) ?? ""}
          aria-invalid={reasonError ? true : undefined}
        />
        {reasonError ? <p className="field-error">{message(reasonError)}</p> : null}
      </td>
    </tr>
  );
}

function AdjustmentsTable({ adjustments }: { adjustments: Adjustment[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="adjustments-title">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("counterDesk.stock.at")}</th>
            <th scope="col">{t("counterDesk.stock.product")}</th>
            <th scope="col">{t("counterDesk.stock.kind")}</th>
            <th scope="col" className="num">
              {t("counterDesk.stock.expected")}
            </th>
            <th scope="col" className="num">
              {t("counterDesk.stock.counted")}
            </th>
            <th scope="col" className="num">
              {t("counterDesk.stock.difference")}
            </th>
            <th scope="col">{t("counterDesk.stock.reason")}</th>
            <th scope="col">{t("counterDesk.stock.by")}</th>
          </tr>
        </thead>
        <tbody>
          {adjustments.map((a) => (
            <tr key={a.id}>
              <td className="nowrap">{shanghaiDateTime(a.at)}</td>
              <td>{a.name}</td>
              <td>
                {a.kind === "count"
                  ? t("counterDesk.stock.kinds.count")
                  : t("counterDesk.stock.kinds.transfer", { id: a.transferId ?? "" })}
              </td>
              <td className="num">{a.expected}</td>
              <td className="num">{a.counted}</td>
              <td className="num">{a.difference > 0 ? `+${a.difference}` : a.difference}</td>
              <td>{a.reason}</td>
              <td>{a.byName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function CounterStock() {
  const { shelf, adjustments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const applied = search.get("applied");
  const stale = reply?.formError === "counterDesk.stock.changed";
  return (
    <section className="counter-desk" aria-labelledby="stock-title">
      <h1 id="stock-title">{t("counterDesk.stock.title")}</h1>
      <p className="muted">{t("counterDesk.stock.lead")}</p>
      {applied !== null && !reply ? (
        <p className="alert alert--success" role="status">
          {Number(applied) > 0
            ? t("counterDesk.stock.applied", { count: Number(applied) })
            : t("counterDesk.stock.noDifferences")}
        </p>
      ) : null}
      <FormAlert reply={reply} />
      <h2 id="shelf-title">{t("counterDesk.stock.shelf")}</h2>
      {shelf.length === 0 ? (
        <p>{t("counterDesk.stock.empty")}</p>
      ) : (
        <Form method="post" className="form count-form" key={stale ? "again" : "count"}>
          <TableScroll labelledBy="shelf-title">
            <table className="data-table count-table">
              <thead>
                <tr>
                  <th scope="col">{t("counterDesk.stock.product")}</th>
                  <th scope="col" className="num">
                    {t("counterDesk.stock.quantity")}
                  </th>
                  <th scope="col">{t("counterDesk.stock.counted")}</th>
                  <th scope="col">{t("counterDesk.stock.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {shelf.map((s) => (
                  <CountRow key={s.productId} line={s} reply={reply} stale={stale} />
                ))}
              </tbody>
            </table>
          </TableScroll>
          <button type="submit" className="button">
            {t("counterDesk.stock.apply")}
          </button>
        </Form>
      )}

      <h2 id="adjustments-title">{t("counterDesk.stock.adjustmentsTitle")}</h2>
      {adjustments.length === 0 ? (
        <p>{t("counterDesk.stock.adjustmentsEmpty")}</p>
      ) : (
        <AdjustmentsTable adjustments={adjustments} />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
