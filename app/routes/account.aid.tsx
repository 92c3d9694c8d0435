import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  aidProfileSchema,
  issueCertificate,
  listCertificates,
  loadBuyer,
  myAid,
  publicNameOf,
  reservedShareProgress,
  thanksSchema,
  updateAidProfile,
  updateThanks,
} from "~/domain/aid/contributions.server";
import { BUYER_TYPES, FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import contribCss from "~/styles/contrib.css";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireUser } from "~/utils/guards.server";
import { shanghaiDate, shanghaiDateTime, shanghaiYear } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { certificateRequestSchema as certificateSchema } from "~/domain/aid/certificate-input";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

/** The loader's private, no-store reaches the page itself, not only its data requests. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.myAid"),
    () => [NOINDEX],
  );

/** 12345 fen → "123.45": the reserved share is typed and shown in 元. */
function fenToYuanText(fen: number | null): string {
  if (fen == null) return "";
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest ? `${yuan}.${String(rest).padStart(2, "0")}` : String(yuan);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  const year = shanghaiYear();
  const buyer = await loadBuyer(db, user.id);
  const [aid, certificates, progress] = await Promise.all([
    myAid(db, user, { locale }),
    listCertificates(db, user),
    reservedShareProgress(db, user, year, buyer),
  ]);
  return json(
    {
      aid,
      certificates,
      progress,
      certifiableYears: aid.years.filter((y) => y.fen > 0).map((y) => y.year),
      profile: {
        buyerType: buyer.buyerType,
        orgName: buyer.orgName ?? "",
        fundingSource: buyer.fundingSource ?? "",
        reservedShareYuan: fenToYuanText(buyer.reservedShareFen),
        thanksOptIn: buyer.thanksOptIn,
        thanksName: buyer.thanksName ?? "",
        publicName: publicNameOf(buyer),
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const refuse = (errors: FieldErrors, values: Record<string, string>, status = 400) =>
    json<ActionData>({ intent, errors, values }, { status });

  if (intent === "certificate") {
    const parsed = parseForm(certificateSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    try {
      const certificate = await issueCertificate(db, { user, year: parsed.data.year });
      return redirect(`/account/aid/certificate/${certificate.code}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse({ year: error.code }, { year: String(parsed.data.year) }, error.status);
    }
  }
  if (intent === "profile") {
    const parsed = parseForm(aidProfileSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    await updateAidProfile(db, user, parsed.data);
    return redirect("/account/aid?saved=profile#profile-title");
  }
  if (intent === "thanks") {
    const parsed = parseForm(thanksSchema, form);
    if (!parsed.ok) return refuse(parsed.errors, parsed.values);
    await updateThanks(db, user, parsed.data);
    return redirect("/account/aid?saved=thanks#thanks-title");
  }
  return refuse({ _form: "forms.invalid" }, {});
}

export default function MyAid() {
  const { aid, certificates, progress, certifiableYears, profile } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const saved = params.get("saved");
  const errorsFor = (intent: string) => (data?.intent === intent ? data.errors : {});
  const valuesFor = (intent: string) => (data?.intent === intent ? data.values : null);
  const pe = errorsFor("profile");
  const pv = valuesFor("profile");
  const te = errorsFor("thanks");
  const tv = valuesFor("thanks");
  const ce = errorsFor("certificate");
  const cv = valuesFor("certificate");
  const buyerType = pv?.buyerType ?? profile.buyerType;
  const formError = data?.errors._form;

  return (
    <div className="account contrib">
      <p className="no-print">
        <Link to="/account">← {t("contrib.backToAccount")}</Link>
      </p>
      <h1>{t("contrib.title")}</h1>
      <p className="section__lead">{t("contrib.lead")}</p>
      {saved ? (
        <p className="alert alert--success" role="status">
          {t("contrib.saved")}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {message(formError)}
        </p>
      ) : null}

      <div className="contrib__total">
        <p className="contrib__total-label">{t("contrib.total")}</p>
        <p className="contrib__total-amount" data-testid="my-aid-total">
          <Money fen={aid.totalFen} />
        </p>
      </div>

      {progress ? (
        <section className="contrib-panel" aria-labelledby="progress-title">
          <h2 id="progress-title">{t("contrib.progress.title", { year: progress.year })}</h2>
          {progress.targetFen != null && progress.percent != null ? (
            <>
              <div
                className="progress"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.min(100, progress.percent)}
                aria-valuetext={t("contrib.progress.label", { percent: progress.percent })}
                aria-label={t("contrib.progress.label", { percent: progress.percent })}
                data-testid="reserved-share-progress"
              >
                <div
                  className="progress__bar"
                  style={{ width: `${Math.min(100, progress.percent)}%` }}
                />
              </div>
              <p>{t("contrib.progress.label", { percent: progress.percent })}</p>
              <dl className="progress-facts">
                <div>
                  <dt>{t("contrib.progress.achieved")}</dt>
                  <dd className="aid-figure">
                    <Money fen={progress.achievedFen} />
                  </dd>
                </div>
                <div>
                  <dt>{t("contrib.progress.target")}</dt>
                  <dd>
                    <Money fen={progress.targetFen} />
                  </dd>
                </div>
                <div>
                  <dt>{t("contrib.progress.remaining")}</dt>
                  <dd>
                    <Money fen={progress.remainingFen ?? 0} />
                  </dd>
                </div>
              </dl>
              {progress.remainingFen === 0 ? (
                <p className="alert alert--success">{t("contrib.progress.done")}</p>
              ) : null}
            </>
          ) : (
            <p className="muted">{t("contrib.progress.noTarget")}</p>
          )}
        </section>
      ) : null}

      {aid.years.length ? (
        <>
          <div className="contrib-grid">
            <section className="section" aria-labelledby="years-title">
              <h2 id="years-title">{t("contrib.years.title")}</h2>
              <table className="data-table" data-testid="aid-by-year">
                <thead>
                  <tr>
                    <th scope="col">{t("contrib.years.year")}</th>
                    <th scope="col" className="num">
                      {t("contrib.years.amount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {aid.years.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{t("contrib.years.yearLabel", { year: y.year })}</th>
                      <td className="num aid-figure">
                        <Money fen={y.fen} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="section" aria-labelledby="counties-title">
              <h2 id="counties-title">{t("contrib.counties.title")}</h2>
              <table className="data-table" data-testid="aid-by-county">
                <thead>
                  <tr>
                    <th scope="col">{t("contrib.counties.county")}</th>
                    <th scope="col">{t("contrib.counties.paired")}</th>
                    <th scope="col" className="num">
                      {t("contrib.counties.amount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {aid.counties.map((c) => (
                    <tr key={c.code} data-county={c.code}>
                      <th scope="row">{c.name}</th>
                      <td>{c.pairedDistrict ?? t("contrib.counties.unpaired")}</td>
                      <td className="num aid-figure">
                        <Money fen={c.fen} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>

          <section className="section" aria-labelledby="year-counties-title">
            <h2 id="year-counties-title">{t("contrib.yearCounties.title")}</h2>
            <table className="data-table" data-testid="aid-by-year-county">
              <thead>
                <tr>
                  <th scope="col">{t("contrib.years.year")}</th>
                  <th scope="col">{t("contrib.counties.county")}</th>
                  <th scope="col">{t("contrib.counties.paired")}</th>
                  <th scope="col" className="num">
                    {t("contrib.counties.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {aid.yearCounties.map((c) => (
                  <tr key={`${c.year}-${c.code}`}>
                    <td>{t("contrib.years.yearLabel", { year: c.year })}</td>
                    <td>{c.name}</td>
                    <td>{c.pairedDistrict ?? t("contrib.counties.unpaired")}</td>
                    <td className="num aid-figure">
                      <Money fen={c.fen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p>
          {t("contrib.empty")} <Link to="/products">{t("contrib.browse")}</Link>
        </p>
      )}

      <section className="contrib-panel" aria-labelledby="certificate-title">
        <h2 id="certificate-title">{t("contrib.certificate.title")}</h2>
        <p className="muted">{t("contrib.certificate.lead")}</p>
        {certifiableYears.length ? (
          <Form method="post" noValidate className="inline-fields">
            <input type="hidden" name="intent" value="certificate" />
            <div className={ce.year ? "field field--invalid" : "field"}>
              <label htmlFor="field-year">{t("contrib.certificate.year")}</label>
              <select
                id="field-year"
                name="year"
                defaultValue={cv?.year ?? String(certifiableYears[0])}
                aria-invalid={ce.year ? true : undefined}
                aria-describedby={ce.year ? "field-year-error" : undefined}
              >
                {certifiableYears.map((y) => (
                  <option key={y} value={y}>
                    {t("contrib.years.yearLabel", { year: y })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("contrib.certificate.issue")}
            </button>
          </Form>
        ) : (
          <p>{t("contrib.certificate.none")}</p>
        )}
        {ce.year ? (
          <p className="field-error" id="field-year-error" role="alert">
            {message(ce.year)}
          </p>
        ) : null}
        {certificates.length ? (
          <>
            <h3>{t("contrib.certificate.issuedTitle")}</h3>
            <table className="data-table" data-testid="certificates">
              <thead>
                <tr>
                  <th scope="col">{t("contrib.certificate.code")}</th>
                  <th scope="col">{t("contrib.years.year")}</th>
                  <th scope="col" className="num">
                    {t("contrib.certificate.amount")}
                  </th>
                  <th scope="col">{t("contrib.certificate.issuedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((c) => (
                  <tr key={c.code}>
                    <td>
                      <Link
                        to={`/account/aid/certificate/${c.code}`}
                        className="certificate__code nowrap"
                        aria-label={`${t("contrib.certificate.open")} ${c.code}`}
                      >
                        {c.code}
                      </Link>
                    </td>
                    <td>{t("contrib.years.yearLabel", { year: c.year })}</td>
                    <td className="num">
                      <Money fen={c.amountFen} />
                    </td>
                    <td className="nowrap">{shanghaiDateTime(c.issuedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>

      {aid.recent.length ? (
        <section className="section" aria-labelledby="recent-title">
          <h2 id="recent-title">{t("contrib.recent.title")}</h2>
          <table className="data-table" data-testid="aid-recent">
            <thead>
              <tr>
                <th scope="col">{t("contrib.recent.date")}</th>
                <th scope="col">{t("contrib.recent.product")}</th>
                <th scope="col">{t("contrib.recent.order")}</th>
                <th scope="col" className="num">
                  {t("contrib.recent.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {aid.recent.map((r) => (
                <tr key={r.id} className={r.type === "refund" ? "refund" : undefined}>
                  <td className="nowrap">{shanghaiDate(new Date(r.occurredAt))}</td>
                  <td>
                    {r.productName}
                    {r.type === "refund" ? (
                      <span className="tag tag--warn">{t("contrib.recent.refund")}</span>
                    ) : null}
                    <br />
                    <span className="muted">{r.countyName}</span>
                  </td>
                  <td>
                    <Link to={`/orders/${r.orderNumber}`} className="nowrap">
                      {r.orderNumber}
                    </Link>
                  </td>
                  <td className="num">
                    <Money fen={r.amountFen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section className="contrib-panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("contrib.profile.title")}</h2>
        <p className="muted">{t("contrib.profile.lead")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <div className={pe.buyerType ? "field field--invalid" : "field"}>
            <label htmlFor="field-buyerType">{t("contrib.profile.buyerType")}</label>
            <select id="field-buyerType" name="buyerType" defaultValue={buyerType}>
              {BUYER_TYPES.map((b) => (
                <option key={b} value={b}>
                  {t(`buyerType.${b}`)}
                </option>
              ))}
            </select>
            {pe.buyerType ? <p className="field-error">{message(pe.buyerType)}</p> : null}
          </div>
          <Field
            name="orgName"
            label={t("contrib.profile.orgName")}
            error={pe.orgName}
            defaultValue={pv?.orgName ?? profile.orgName}
            maxLength={80}
            autoComplete="organization"
          />
          <div className={pe.fundingSource ? "field field--invalid" : "field"}>
            <label htmlFor="field-fundingSource">{t("contrib.profile.fundingSource")}</label>
            <select
              id="field-fundingSource"
              name="fundingSource"
              defaultValue={pv?.fundingSource ?? profile.fundingSource}
              aria-invalid={pe.fundingSource ? true : undefined}
              aria-describedby={pe.fundingSource ? "field-fundingSource-error" : undefined}
            >
              <option value="">{t("contrib.profile.choose")}</option>
              {FUNDING_SOURCES.map((f) => (
                <option key={f} value={f}>
                  {t(`fundingSource.${f}`)}
                </option>
              ))}
            </select>
            {pe.fundingSource ? (
              <p className="field-error" id="field-fundingSource-error">
                {message(pe.fundingSource)}
              </p>
            ) : null}
          </div>
          <Field
            name="reservedShareYuan"
            label={t("contrib.profile.reservedShare")}
            error={pe.reservedShareYuan}
            defaultValue={pv?.reservedShareYuan ?? profile.reservedShareYuan}
            inputMode="text"
            maxLength={16}
            hint={t("contrib.profile.reservedShareHint")}
          />
          <button type="submit" className="button">
            {t("contrib.profile.save")}
          </button>
        </Form>
      </section>

      <section className="contrib-panel" aria-labelledby="thanks-title">
        <h2 id="thanks-title">{t("contrib.thanks.settingsTitle")}</h2>
        <p className="muted">
          {t("contrib.thanks.settingsLead")} <Link to="/thanks">{t("contrib.thanks.link")}</Link>
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="thanks" />
          <label className="opt-in">
            <input
              type="checkbox"
              name="optIn"
              value="1"
              defaultChecked={tv ? tv.optIn === "1" : profile.thanksOptIn}
            />
            <span>{t("contrib.thanks.optIn")}</span>
          </label>
          <Field
            name="thanksName"
            label={t("contrib.thanks.name")}
            error={te.thanksName}
            defaultValue={tv?.thanksName ?? profile.thanksName}
            maxLength={20}
            hint={t("contrib.thanks.nameHint", { masked: profile.publicName })}
          />
          <button type="submit" className="button">
            {t("contrib.thanks.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
