// /coop/:coop/transfers: a cooperative sends goods to a Nanjing counter (ADR 049). Sending
// takes the products' stock in the transaction that writes the transfer, refused whole when
// a line is short (the form keeps what was typed); below, the cooperative's transfers with
// their status and any differences the counter reported on receipt.
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
import { SelectField, TextAreaField } from "~/components/field";
import { FormAlert } from "~/components/form-alert";
import { CoopTransferCard } from "~/components/counter-transfer-cards";
import { TableScroll } from "~/components/table-scroll";
import { portalCooperative } from "~/domain/coop/portal";
import { listCounters } from "~/domain/counters/counters.server";
import { parseSend } from "~/domain/counters/desk-input";
import { NOTE_MAX, TRANSFER_MAX_LINE } from "~/domain/counters/desk-fields";
import {
  coopTransfers,
  sendTransfer,
  transferableProducts,
} from "~/domain/counters/transfers.server";
import { useMessage } from "~/i18n/use-message";
import counterDeskCss from "~/styles/counter-desk.css";
import {
  domainErrorReply,
  formValues,
  invalidForm,
  screenControlCharacters,
  type FormReply,
} from "~/utils/forms";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: counterDeskCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => `${t("counterDesk.transfer.title")} · ${data.cooperative.name}`,
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const [counters, products, transfers] = await Promise.all([
    listCounters(db),
    transferableProducts(db, cooperative.id, locale),
    coopTransfers(db, cooperative.id, locale),
  ]);
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      counters: counters.map((c) => ({
        id: c.id,
        name: locale === "en" ? c.name_en : c.name_zh,
      })),
      products,
      transfers,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db } = await storeContext(request);
  const form = await readFormData(request);
  const screened = screenControlCharacters(formValues(form), { multiline: ["note"] });
  const parsed = parseSend(screened.values);
  if (!parsed.ok || Object.keys(screened.errors).length > 0) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...screened.errors };
    return invalidForm({ errors, values: screened.values });
  }
  try {
    const id = await sendTransfer(db, {
      coopId: cooperative.id,
      counterId: parsed.data.counterId,
      lines: parsed.data.lines,
      note: parsed.data.note,
      by: { id: user.id, name: user.name },
    });
    return redirect(`/coop/${params.coop}/transfers?sent=${id}`);
  } catch (error) {
    return domainErrorReply(error, screened.values);
  }
}

type Product = Awaited<ReturnType<typeof transferableProducts>>[number];

function SendLines({ products, reply }: { products: Product[]; reply?: FormReply }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <TableScroll labelledBy="new-transfer-title">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("counterDesk.transfer.product")}</th>
            <th scope="col" className="num">
              {t("counterDesk.transfer.stock")}
            </th>
            <th scope="col">{t("counterDesk.transfer.quantity")}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => {
            const error = reply?.errors[`qty-${p.id}`];
            return (
              <tr key={p.id}>
                <th scope="row">
                  {p.name} <span className="muted">{p.unit}</span>
                </th>
                <td className="num">{p.stock}</td>
                <td className={error ? "field--invalid" : undefined}>
                  <input
                    name={`qty-${p.id}`}
                    inputMode="numeric"
                    size={5}
                    maxLength={String(TRANSFER_MAX_LINE).length}
                    aria-label={`${t("counterDesk.transfer.quantity")} · ${p.name}`}
                    defaultValue={reply?.values[`qty-${p.id}`] ?? ""}
                    aria-invalid={error ? true : undefined}
                  />
                  {error ? (
                    <p className="field-error">{message(error, reply?.params?.[`qty-${p.id}`])}</p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function CoopTransfers() {
  const { counters, products, transfers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const sent = search.get("sent");
  return (
    <section className="counter-desk" aria-labelledby="coop-transfers-title">
      <h1 id="coop-transfers-title">{t("counterDesk.transfer.title")}</h1>
      <p className="muted">{t("counterDesk.transfer.lead")}</p>
      {sent && !reply ? (
        <p className="alert alert--success" role="status">
          {t("counterDesk.transfer.sent", { id: sent })}
        </p>
      ) : null}
      <h2 id="new-transfer-title">{t("counterDesk.transfer.newTitle")}</h2>
      {products.length === 0 ? (
        <p>{t("counterDesk.transfer.noProducts")}</p>
      ) : (
        <Form method="post" className="form send-form">
          <FormAlert reply={reply} />
          <SelectField
            name="counter"
            label={t("counterDesk.transfer.counter")}
            required
            placeholder={t("counterDesk.transfer.chooseCounter")}
            options={counters.map((c) => ({ value: String(c.id), label: c.name }))}
            defaultValue={reply?.values.counter}
            error={reply?.errors.counter}
          />
          {reply?.errors.lines ? (
            <p className="field-error" id="field-lines-error">
              {message(reply.errors.lines)}
            </p>
          ) : null}
          <SendLines products={products} reply={reply} />
          <TextAreaField
            name="note"
            label={t("counterDesk.transfer.note")}
            hint={t("counterDesk.transfer.noteHint")}
            rows={2}
            maxLength={NOTE_MAX}
            defaultValue={reply?.values.note ?? ""}
            error={reply?.errors.note}
          />
          <button type="submit" className="button">
            {t("counterDesk.transfer.send")}
          </button>
        </Form>
      )}
      <h2>{t("counterDesk.transfer.listTitle")}</h2>
      {transfers.length === 0 ? <p>{t("counterDesk.transfer.empty")}</p> : null}
      {transfers.map((tr) => (
        <CoopTransferCard key={tr.id} transfer={tr} />
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
