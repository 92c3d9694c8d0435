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
  parseTargetsForm,
  setTarget,
  targetProgress,
  type TargetProgress,
} from "~/domain/aid/dashboard/targets.server";
import { MAX_TARGET_YEAR, MIN_TARGET_YEAR, parseYear } from "~/domain/aid/targets-input";
import { useAidLabels } from "~/components/aid-figures";
import { ColumnHeads } from "~/components/column-heads";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import dashCss from "~/styles/dash.css";
import { getDb } from "~/utils/db.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { domainErrorReply, formValues, invalidForm, type FormReply } from "~/utils/forms";
import { requireAidOfficer } from "~/utils/guards.server";
import { shanghaiDateTime, shanghaiYear } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

// office.css comes with the /aid layout
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashCss }];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.aidTargets"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const { db, locale } = await storeContext(request);
  const search = new URL(request.url).searchParams;
  const thisYear = shanghaiYear();
  const year = parseYear(search.get("year")) ?? thisYear;
  const targets = await targetProgress(db, year, locale);
  return json(
    { year, targets, saved: search.get("saved") === "1" },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAidOfficer(request);
  const db = await getDb();
  const values = formValues(await readFormData(request));
  const parsed = await parseTargetsForm(db, values);
  if ("errors" in parsed) return invalidForm({ errors: parsed.errors, values });
  const { year, wanted } = parsed;
  try {
    for (const w of wanted) {
      await setTarget(db, { year, ...w, officer: { id: user.id, name: user.name } });
    }
  } catch (error) {
    return domainErrorReply(error, values);
  }
  return redirect(`/aid/targets?year=${year}&saved=1`);
}

export default function AidTargets() {
  const { year, targets, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useAidLabels();
  const message = useMessage();
  const errors = actionData?.errors ?? {};
  const formError = actionData?.formError ?? errors._form ?? errors.year;
  return (
    <section aria-labelledby="targets-title">
      <h1 id="targets-title">{t("dash.targets.pageTitle")}</h1>
      <p className="section__lead">{t("dash.targets.pageLead")}</p>

      <Form method="get" className="inline-form period-picker">
        <label htmlFor="targets-year">{t("dash.targets.year")}</label>
        <input
          id="targets-year"
          name="year"
          type="number"
          inputMode="numeric"
          min={MIN_TARGET_YEAR}
          max={MAX_TARGET_YEAR}
          defaultValue={year}
        />
        <button type="submit" className="button button--small">
          {t("dash.targets.show")}
        </button>
      </Form>

      {saved && !actionData ? (
        <p className="alert alert--success" role="status">
          {t("dash.targets.saved")}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {message(formError)}
        </p>
      ) : null}

      <TargetsForm year={year} targets={targets} reply={actionData} />
      <p>
        <Link to={`/aid?period=year&at=${year}`}>{t("dash.entries.back")}</Link>
      </p>
    </section>
  );
}

/** One amount per county for the year; a blank leaves that county's target as it is. */
function TargetsForm({
  year,
  targets,
  reply,
}: {
  year: number;
  targets: TargetProgress[];
  reply: FormReply | undefined;
}) {
  const navigation = useNavigation();
  const { t } = useAidLabels();
  return (
    <Form method="post" className="office-panel targets-form" noValidate>
      <input type="hidden" name="year" value={year} />
      <h2 id="targets-year-title">{t("dash.targets.title", { year })}</h2>
      <TableScroll labelledBy="targets-year-title">
        <table className="dash-table" data-testid="targets">
          <ColumnHeads
            columns={[
              t("dash.targets.county"),
              { label: t("dash.targets.current"), numeric: true },
              { label: t("dash.targets.achieved"), numeric: true },
              t("dash.targets.newTarget"),
            ]}
          />
          <tbody>
            {targets.map((target) => (
              <TargetRow key={target.county} year={year} target={target} reply={reply} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("dash.targets.save")}
      </button>
    </Form>
  );
}

function TargetRow({
  year,
  target,
  reply,
}: {
  year: number;
  target: TargetProgress;
  reply: FormReply | undefined;
}) {
  const { t, yuan } = useAidLabels();
  const message = useMessage();
  const name = `target_${target.county}`;
  const id = `field-${name}`;
  const error = reply?.errors[name];
  return (
    <tr data-county={target.county}>
      <th scope="row">
        {target.name}
        <span className="dash-table__detail">
          {target.pairedDistrict ?? t("dash.breakdowns.noPairing")}
        </span>
      </th>
      <td className="num">
        {target.targetFen ? yuan(target.targetFen) : t("dash.targets.none")}
        {target.setByName && target.setAt ? (
          <span className="dash-table__detail">
            {t("dash.targets.setBy", {
              name: target.setByName,
              at: shanghaiDateTime(target.setAt),
            })}
          </span>
        ) : null}
      </td>
      <td className="num">
        {yuan(target.aidFen)}
        {target.percent !== null ? (
          <span className="dash-table__detail">
            {t("dash.targets.progress", { percent: target.percent.toFixed(1) })}
          </span>
        ) : null}
      </td>
      <td>
        <div className={error ? "field field--invalid" : "field"}>
          <label htmlFor={id} className="visually-hidden">
            {t("dash.targets.field", { county: target.name, year })}
          </label>
          <input
            id={id}
            name={name}
            inputMode="numeric"
            autoComplete="off"
            defaultValue={reply?.values[name] ?? ""}
            placeholder={target.targetFen ? String(target.targetFen / 100) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`${id}-error`}>
              {message(error)}
            </p>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
