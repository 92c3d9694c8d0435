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
  MAX_TARGET_YEAR,
  MIN_TARGET_YEAR,
  setTarget,
  targetProgress,
} from "~/domain/aid/dashboard.server";
import { DomainError } from "~/domain/errors";
import { AidNav } from "~/components/aid-nav";
import { useAidLabels } from "~/components/aid-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import dashCss from "~/styles/dash.css";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireRole } from "~/utils/session.server";
import { shanghaiDate, shanghaiDateTime } from "~/utils/time";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: officeCss },
  { rel: "stylesheet", href: dashCss },
];

/** The page itself carries the loader's no-store (and, on /aid, its Server-Timing). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [
  { title: "年度目标 · 帮扶办 · 山海 Shanhai" },
  { name: "robots", content: "noindex" },
];

/** Largest target accepted, in 元 (a trillion): far above any county, far below float trouble. */
const MAX_TARGET_YUAN = 1_000_000_000_000;

function parseYear(value: unknown): number | null {
  const year = typeof value === "string" && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return year >= MIN_TARGET_YEAR && year <= MAX_TARGET_YEAR ? year : null;
}

/** Whole 元 as typed ("1,000,000", "1 000 000" or "1000000") → fen, or a message key. */
function parseYuan(raw: string): { fen: number } | { error: string } | null {
  const text = raw.replace(/[,，\s]/g, "");
  if (!text) return null;
  if (!/^\d+$/.test(text)) return { error: "dash.targets.errors.amount" };
  const yuan = Number(text);
  if (yuan <= 0) return { error: "dash.targets.errors.amount" };
  if (yuan > MAX_TARGET_YUAN) return { error: "dash.targets.errors.tooLarge" };
  return { fen: yuan * 100 };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["aid_officer", "admin"]);
  const { db, locale } = await storeContext(request);
  const search = new URL(request.url).searchParams;
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const year = parseYear(search.get("year")) ?? thisYear;
  const targets = await targetProgress(db, year, locale);
  return json(
    { year, targets, saved: search.get("saved") === "1" },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const db = await getDb();
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") values[k] = v;
  const errors: Record<string, string> = {};
  const year = parseYear(values.year);
  if (!year) errors.year = "dash.targets.errors.year";
  const counties = await db.selectFrom("counties").select("code").orderBy("sort").execute();
  const wanted: Array<{ county: string; targetFen: number }> = [];
  for (const { code } of counties) {
    const parsed = parseYuan(values[`target_${code}`] ?? "");
    if (!parsed) continue;
    if ("error" in parsed) errors[`target_${code}`] = parsed.error;
    else wanted.push({ county: code, targetFen: parsed.fen });
  }
  if (!Object.keys(errors).length && !wanted.length) errors._form = "dash.targets.nothing";
  if (Object.keys(errors).length || !year) {
    return json<ActionData>({ errors, values }, { status: 400 });
  }
  try {
    for (const w of wanted) {
      await setTarget(db, { year, ...w, officer: { id: user.id, name: user.name } });
    }
  } catch (error) {
    if (error instanceof DomainError) {
      return json<ActionData>(
        { errors: { [error.field ?? "_form"]: error.code }, values },
        { status: error.status },
      );
    }
    throw error;
  }
  return redirect(`/aid/targets?year=${year}&saved=1`);
}

export default function AidTargets() {
  const { year, targets, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, yuan } = useAidLabels();
  const message = useMessage();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const busy = navigation.state === "submitting";

  return (
    <section aria-labelledby="targets-title">
      <AidNav />
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
      {errors._form || errors.year ? (
        <p className="alert alert--error" role="alert">
          {message(errors._form ?? errors.year)}
        </p>
      ) : null}

      <Form method="post" className="office-panel targets-form" noValidate>
        <input type="hidden" name="year" value={year} />
        <h2>{t("dash.targets.title", { year })}</h2>
        <div className="table-scroll">
          <table className="dash-table" data-testid="targets">
            <thead>
              <tr>
                <th scope="col">{t("dash.targets.county")}</th>
                <th scope="col" className="num">
                  {t("dash.targets.current")}
                </th>
                <th scope="col" className="num">
                  {t("dash.targets.achieved")}
                </th>
                <th scope="col">{t("dash.targets.newTarget")}</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((target) => {
                const name = `target_${target.county}`;
                const id = `field-${name}`;
                const error = errors[name];
                return (
                  <tr key={target.county} data-county={target.county}>
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
                          defaultValue={values[name] ?? ""}
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
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("dash.targets.save")}
        </button>
      </Form>
      <p>
        <Link to={`/aid?period=year&at=${year}`}>{t("dash.entries.back")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
