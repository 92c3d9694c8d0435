// The cooperative's after-sales requests: buyers' refund and return requests on its own
// lines (never another cooperative's), each with a note the manager can add.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { coopNoteSchema } from "~/domain/after-sales/after-sales-input";
import { coopAfterSales } from "~/domain/after-sales/after-sales-queries.server";
import { NOTE_MAX } from "~/domain/after-sales/after-sales-rules";
import { addCoopNote } from "~/domain/after-sales/after-sales.server";
import { portalCooperative } from "~/domain/coop/portal";
import { AfterSalesSummary } from "~/components/after-sales-summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextAreaField } from "~/components/field";
import afterSalesCss from "~/styles/after-sales.css";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: afterSalesCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => `${t("afterSales.coop.title")} · ${data.cooperative.name}`,
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const requests = await coopAfterSales(db, cooperative.id, locale);
  return json(
    { cooperative: portalCooperative(cooperative, locale), requests },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  const form = await readFormData(request);
  const parsed = parseForm(coopNoteSchema, form, { multiline: ["note"] });
  if (!parsed.ok) return invalidForm(parsed);
  try {
    await addCoopNote(await getDb(), {
      coopId: cooperative.id,
      requestId: parsed.data.requestId,
      note: parsed.data.note,
      by: user.name,
    });
  } catch (error) {
    return domainErrorReply(error, formValues(form));
  }
  const id = parsed.data.requestId;
  return redirect(`/coop/${params.coop}/after-sales?saved=${id}#request-${id}`);
}

export default function CoopAfterSales() {
  const { requests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const saved = search.get("saved");
  return (
    <section aria-labelledby="after-sales-title">
      <h1 id="after-sales-title">{t("afterSales.coop.title")}</h1>
      <p className="muted">{t("afterSales.coop.lead")}</p>
      {requests.length === 0 ? <p>{t("afterSales.coop.empty")}</p> : null}
      <ul className="after-sales-list">
        {requests.map((r) => {
          const mine = reply?.values.requestId === String(r.id);
          return (
            <AfterSalesSummary key={r.id} request={r}>
              {saved === String(r.id) && !reply ? (
                <p className="alert alert--success" role="status">
                  {t("afterSales.coop.noteSaved")}
                </p>
              ) : null}
              <Form method="post" className="form">
                <input type="hidden" name="requestId" value={r.id} />
                <TextAreaField
                  name="note"
                  label={t("afterSales.coop.note")}
                  hint={t("afterSales.coop.noteHint")}
                  rows={2}
                  maxLength={NOTE_MAX}
                  defaultValue={mine ? reply?.values.note : (r.coopNote ?? "")}
                  error={mine ? (reply?.errors.note ?? reply?.formError) : undefined}
                />
                <button type="submit" className="button button--ghost">
                  {t("afterSales.coop.saveNote")}
                </button>
              </Form>
            </AfterSalesSummary>
          );
        })}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
