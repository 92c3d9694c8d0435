import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  listReportedPeriods,
  markPeriodReported,
  reportableMonths,
  type ReportedMonth,
} from "~/domain/aid/dashboard/reported-periods.server";
import { DomainError } from "~/domain/errors";
import { useAidLabels } from "~/components/aid-figures";
import { ColumnHeads } from "~/components/column-heads";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import dashCss from "~/styles/dash.css";
import { getDb } from "~/utils/db.server";
import { formatWan } from "~/utils/money";
import { formValues } from "~/utils/forms";
import { requireAidOfficer } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import { readFormData } from "~/utils/request.server";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidPeriods"),
    () => [NOINDEX],
  );

/** /aid/periods: months reported (who, when, with what figures) and marking one more. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const db = await getDb();
  const [reported, open] = await Promise.all([listReportedPeriods(db), reportableMonths(db)]);
  const done = new URL(request.url).searchParams.get("reported");
  return json(
    { reported, open, done: done && reported.some((r) => r.month === done) ? done : null },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

// The reply names its one field plainly (`error`, `month`): the page and its tests read it so.
type ActionData = { error: string; params: Record<string, string | number>; month: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAidOfficer(request);
  const month = (formValues(await readFormData(request)).month ?? "").trim();
  try {
    await markPeriodReported(await getDb(), {
      month,
      officer: { id: user.id, name: user.name },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return json<ActionData>(
      { error: error.code, params: { month, ...error.params }, month },
      { status: error.status },
    );
  }
  return redirect(`/aid/periods?reported=${encodeURIComponent(month)}`);
}

export default function AidPeriods() {
  const { reported, open, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useAidLabels();
  return (
    <section aria-labelledby="periods-title">
      <h1 id="periods-title">{t("dash.periods.title")}</h1>
      <p className="section__lead">{t("dash.periods.lead")}</p>

      {done && !actionData ? (
        <p className="alert alert--success" role="status">
          {t("dash.periods.done", { month: done })}
        </p>
      ) : null}

      <MarkPeriodForm open={open} reply={actionData} />

      <section aria-labelledby="reported-title">
        <h2 id="reported-title">{t("dash.periods.listTitle")}</h2>
        {reported.length ? (
          <ReportedTable reported={reported} />
        ) : (
          <p className="empty">{t("dash.periods.none")}</p>
        )}
      </section>
    </section>
  );
}

/** Marks one ended month reported: its figures stop moving. */
function MarkPeriodForm({ open, reply }: { open: string[]; reply: ActionData | undefined }) {
  const navigation = useNavigation();
  const { t } = useAidLabels();
  const message = useMessage();
  const error = reply?.error;
  return (
    <Form method="post" className="office-panel" noValidate>
      <h2>{t("dash.periods.mark")}</h2>
      {open.length ? (
        <div className="inline-form">
          <div className={error ? "field field--invalid" : "field"}>
            <label htmlFor="field-month">{t("dash.periods.choose")}</label>
            <select
              id="field-month"
              name="month"
              defaultValue={reply?.month ?? open[0]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "field-month-error" : undefined}
            >
              {open.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            {error ? (
              <p className="field-error" id="field-month-error">
                {message(error, reply?.params)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("dash.periods.mark")}
          </button>
          <p className="field-hint">{t("dash.periods.final")}</p>
        </div>
      ) : (
        <p className="empty">{t("dash.periods.noneOpen")}</p>
      )}
    </Form>
  );
}

function ReportedTable({ reported }: { reported: ReportedMonth[] }) {
  const { t, i18n, yuan } = useAidLabels();
  return (
    <TableScroll labelledBy="reported-title">
      <table className="dash-table" data-testid="reported">
        <ColumnHeads
          columns={[
            t("dash.periods.month"),
            { label: t("dash.periods.aid"), numeric: true },
            { label: t("dash.periods.wan"), numeric: true },
            { label: t("dash.periods.other"), numeric: true },
            t("dash.periods.reportedBy"),
            t("dash.periods.reportedAt"),
          ]}
        />
        <tbody>
          {reported.map((r) => (
            <tr key={r.month}>
              <th scope="row">
                <Link to={`/aid?period=month&at=${r.month}`}>{r.month}</Link>
              </th>
              <td className="num">
                <Link to={`/aid/entries?period=month&at=${r.month}&eligible=1`}>
                  {yuan(r.aidFen)}
                </Link>
              </td>
              <td className="num">{formatWan(r.aidFen, i18n.language)}</td>
              <td className="num apart">{yuan(r.otherFen)}</td>
              <td>{r.reportedByName}</td>
              <td className="nowrap">{shanghaiDateTime(r.reportedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
