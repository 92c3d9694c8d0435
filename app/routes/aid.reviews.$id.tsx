import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  DECISION_MULTILINE,
  decisionSchema,
  NOTE_MAX,
  REASON_MAX,
} from "~/domain/aid/review-input";
import { approveReview, rejectReview } from "~/domain/aid/review-decisions.server";
import { getReview } from "~/domain/aid/reviews.server";
import { DomainError } from "~/domain/errors";
import { TextAreaField } from "~/components/field";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import officeCss from "~/styles/office.css";
import { getDb } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireRole } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: officeCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.aidReview", { name: data.review.product.name }),
    () => [NOINDEX],
  );

/** Above this much over the market reference the page asks the officer to check prices. */
const FAR_ABOVE_REFERENCE_PERCENT = 30;

function reviewId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^\d{1,9}$/.test(id)) throw new Response("Not Found", { status: 404 });
  return Number(id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const id = reviewId(params);
  const { db, locale } = await storeContext(request);
  const review = await orHttpError(getReview(db, id, locale));
  return json(
    { review, officerName: user.name },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireRole(request, ["aid_officer", "admin"]);
  const id = reviewId(params);
  const db = await getDb();
  const parsed = parseForm(decisionSchema, await readFormData(request), {
    multiline: DECISION_MULTILINE,
  });
  if (!parsed.ok) {
    const { intent: intentError, ...errors } = parsed.errors;
    return json<ActionData>(
      { intent: parsed.values.intent ?? "", errors, values: parsed.values, formError: intentError },
      { status: 400 },
    );
  }
  const officer = { id: user.id, name: user.name };
  const input = parsed.data;
  try {
    if (input.intent === "approve") {
      await approveReview(db, { reviewId: id, officer, note: input.note });
    } else {
      await rejectReview(db, { reviewId: id, officer, reason: input.reason });
    }
  } catch (error) {
    if (error instanceof DomainError && error.status !== 404) {
      const values: Record<string, string> =
        input.intent === "approve"
          ? { intent: "approve", note: input.note ?? "" }
          : { intent: "reject", reason: input.reason };
      return json<ActionData>(
        {
          intent: input.intent,
          errors: error.field ? { [error.field]: error.code } : {},
          values,
          formError: error.field ? undefined : error.code,
        },
        { status: error.status },
      );
    }
    if (error instanceof DomainError) throw new Response(error.code, { status: 404 });
    throw error;
  }
  return redirect(`/aid/reviews?decided=${id}`);
}

export default function ReviewPage() {
  const { review: r, officerName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const busy = navigation.state === "submitting";
  const certBased = r.reason !== "price_raise";
  const approveData = actionData?.intent === "approve" ? actionData : undefined;
  const rejectData = actionData?.intent === "reject" ? actionData : undefined;
  const looseError = actionData && !approveData && !rejectData ? actionData.formError : undefined;
  const price = r.price;
  const farAbove =
    price.overReferencePercent !== null && price.overReferencePercent > FAR_ABOVE_REFERENCE_PERCENT;

  return (
    <article className="review-page">
      <nav aria-label={t("review.detail.breadcrumb")} className="breadcrumb">
        <Link to="/aid">{t("review.nav.home")}</Link> /{" "}
        <Link to="/aid/reviews">{t("review.nav.queue")}</Link> /{" "}
        <span aria-current="page">{r.product.name}</span>
      </nav>
      <header className="review-page__head">
        <h1>{t("review.detail.titleFor", { name: r.product.name })}</h1>
        <span className="reason-chip">{t(`review.reason.${r.reason}`)}</span>
        <span className={`status status--${r.status}`} data-testid="review-status">
          {t(`review.status.${r.status}`)}
        </span>
        <p>
          {r.submittedByName
            ? t("review.detail.submitted", {
                name: r.submittedByName,
                at: shanghaiDateTime(r.submittedAt),
              })
            : t("review.detail.submittedAnonymous", { at: shanghaiDateTime(r.submittedAt) })}
        </p>
      </header>

      {looseError ? (
        <p className="alert alert--error" role="alert">
          {message(looseError)}
        </p>
      ) : null}

      <div className="review-page__layout">
        <div>
          <section className="office-panel" aria-labelledby="product-title">
            <h2 id="product-title">{t("review.detail.productTitle")}</h2>
            <div className="review-page__product">
              <img
                src={r.product.image}
                alt={t("review.detail.imageAlt", { name: r.product.name })}
                width={160}
                height={120}
              />
              <dl className="facts facts--wide">
                <div>
                  <dt>{t("review.detail.nameZh")}</dt>
                  <dd>{r.product.nameZh}</dd>
                </div>
                <div>
                  <dt>{t("review.detail.nameEn")}</dt>
                  <dd>{r.product.nameEn}</dd>
                </div>
                {r.product.summary ? (
                  <div>
                    <dt>{t("review.detail.summary")}</dt>
                    <dd>{r.product.summary}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t("review.detail.category")}</dt>
                  <dd>{r.product.categoryName}</dd>
                </div>
                <div>
                  <dt>{t("review.detail.unit")}</dt>
                  <dd>{r.product.unit}</dd>
                </div>
                <div>
                  <dt>{t("review.detail.stock")}</dt>
                  <dd>{r.product.stock}</dd>
                </div>
                <div>
                  <dt>{t("review.detail.coldChain")}</dt>
                  <dd>{r.product.coldChain ? t("review.detail.yes") : t("review.detail.no")}</dd>
                </div>
                {r.product.storage ? (
                  <div>
                    <dt>{t("review.detail.storage")}</dt>
                    <dd>{r.product.storage}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t("review.detail.shelfLife")}</dt>
                  <dd>{t("review.detail.shelfLifeDays", { count: r.product.shelfLifeDays })}</dd>
                </div>
                <div>
                  <dt>{t("review.detail.productStatus")}</dt>
                  <dd>
                    <span className={`status status--${r.product.status}`}>
                      {t(`review.productStatus.${r.product.status}`)}
                    </span>
                    {r.product.status === "active" ? (
                      <>
                        {" "}
                        <Link to={`/products/${r.product.slug}`}>
                          {t("review.detail.viewInStore")}
                        </Link>
                      </>
                    ) : null}
                  </dd>
                </div>
              </dl>
            </div>
          </section>

          <section className="office-panel" aria-labelledby="origin-title">
            <h2 id="origin-title">{t("review.detail.originTitle")}</h2>
            <dl className="facts facts--wide">
              <div>
                <dt>{t("review.detail.cooperative")}</dt>
                <dd>
                  <Link to={`/cooperatives/${r.cooperative.slug}`}>{r.cooperative.name}</Link>
                </dd>
              </div>
              <div>
                <dt>{t("review.detail.kind")}</dt>
                <dd>{t(`admin.kinds.${r.cooperative.kind}`)}</dd>
              </div>
              <div>
                <dt>{t("review.detail.county")}</dt>
                <dd>{r.county.name}</dd>
              </div>
              <div>
                <dt>{t("review.detail.pairedDistrict")}</dt>
                <dd>{r.county.pairedDistrict ?? t("review.detail.pairedNone")}</dd>
              </div>
              <div>
                <dt>{t("review.detail.farmersReached")}</dt>
                <dd>{t("review.detail.farmersCount", { count: r.cooperative.farmersReached })}</dd>
              </div>
              <div>
                <dt>{t("review.detail.founded")}</dt>
                <dd>{r.cooperative.foundedYear}</dd>
              </div>
            </dl>
          </section>

          <section className="office-panel" aria-labelledby="certs-title">
            <h2 id="certs-title">{t("review.detail.certsTitle")}</h2>
            <p
              className={r.aidCertification ? "verdict verdict--ok" : "verdict verdict--no"}
              data-testid="cert-verdict"
            >
              {r.aidCertification
                ? t("review.detail.eligible", {
                    number: r.aidCertification.number,
                    date: r.aidCertification.expiresOn,
                  })
                : t("review.detail.notEligible")}
            </p>
            {r.certifications.length ? (
              <TableScroll labelledBy="certs-title">
                <table className="certs">
                  <thead>
                    <tr>
                      <th scope="col">{t("review.detail.certKind")}</th>
                      <th scope="col">{t("review.detail.certNumber")}</th>
                      <th scope="col">{t("review.detail.certIssuer")}</th>
                      <th scope="col">{t("review.detail.certExpires")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.certifications.map((c) => (
                      <tr
                        key={`${c.kind}-${c.number}`}
                        className={c.expired ? "certs__expired" : undefined}
                      >
                        <td>{t(`cert.${c.kind}` as "cert.aid", { defaultValue: c.kind })}</td>
                        <td>{c.number}</td>
                        <td>{c.issuedBy}</td>
                        <td>
                          {c.expiresOn}
                          {c.expired ? (
                            <strong className="tag tag--warn">
                              {t("review.detail.certExpired")}
                            </strong>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : (
              <p>{t("review.detail.noCerts")}</p>
            )}
          </section>

          <section className="office-panel" aria-labelledby="price-title">
            <h2 id="price-title">{t("review.detail.priceTitle")}</h2>
            <dl className="facts facts--wide">
              {price.previousFen !== null ? (
                <div>
                  <dt>{t("review.detail.previousPrice")}</dt>
                  <dd>
                    <Money fen={price.previousFen} />
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t("review.detail.currentPrice")}</dt>
                <dd>
                  <Money fen={price.currentFen} /> / {r.product.unit}
                </dd>
              </div>
              {price.proposedFen !== null ? (
                <>
                  <div>
                    <dt>{t("review.detail.proposedPrice")}</dt>
                    <dd>
                      <Money fen={price.proposedFen} className="price-up" />
                    </dd>
                  </div>
                  <div>
                    <dt>{t("review.detail.change")}</dt>
                    <dd className="price-up" data-testid="price-change">
                      {t("review.detail.changePercent", { percent: price.changePercent })}
                    </dd>
                  </div>
                </>
              ) : null}
              <div>
                <dt>{t("review.detail.referencePrice")}</dt>
                <dd>
                  {price.referenceFen !== null ? (
                    <>
                      <Money fen={price.referenceFen} />{" "}
                      {price.overReferencePercent !== null ? (
                        <span className={farAbove ? "price-up" : "muted"}>
                          {t("review.detail.overReference", {
                            percent: price.overReferencePercent,
                          })}
                        </span>
                      ) : (
                        <span className="muted">{t("review.detail.underReference")}</span>
                      )}
                    </>
                  ) : (
                    <span className="muted">{t("review.detail.noReference")}</span>
                  )}
                </dd>
              </div>
            </dl>
            {farAbove ? (
              <p className="verdict verdict--no">{t("review.detail.farAboveReference")}</p>
            ) : null}
          </section>

          {r.changedFields.length || r.otherChanges.length ? (
            <section className="office-panel" aria-labelledby="changes-title">
              <h2 id="changes-title">{t("review.detail.changesTitle")}</h2>
              <dl className="facts facts--wide">
                {r.changedFields.length ? (
                  <div>
                    <dt>{t("review.detail.changedFields")}</dt>
                    <dd>
                      <ul className="coop-tags">
                        {r.changedFields.map((f) => (
                          <li key={f}>
                            {t(`review.changedField.${f}` as "review.changedField.category", {
                              defaultValue: f,
                            })}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ) : null}
                {r.otherChanges.map((c) => (
                  <div key={c.field}>
                    <dt>{c.field}</dt>
                    <dd>{c.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
        </div>

        <aside className="office-panel" aria-labelledby="decide-title">
          {r.status === "pending" ? (
            <>
              <h2 id="decide-title">{t("review.detail.decideTitle")}</h2>
              <p className="muted">{t("review.detail.signedAs", { name: officerName })}</p>
              <section className="decision" aria-labelledby="approve-title">
                <h3 id="approve-title">{t("review.detail.approveTitle")}</h3>
                <p className="field-hint">{t("review.detail.approveHelp")}</p>
                {approveData?.formError ? (
                  <p className="alert alert--error" role="alert" data-testid="approve-error">
                    {message(approveData.formError)}
                  </p>
                ) : null}
                {certBased && !r.aidCertification && !approveData?.formError ? (
                  <p className="field-error">{t("review.detail.notEligible")}</p>
                ) : null}
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="approve" />
                  <TextAreaField
                    rows={3}
                    name="note"
                    label={t("review.detail.note")}
                    hint={t("review.detail.noteHint")}
                    error={approveData?.errors.note}
                    defaultValue={approveData?.values.note}
                    maxLength={NOTE_MAX}
                  />
                  <button type="submit" className="button" disabled={busy}>
                    {t("review.detail.approve")}
                  </button>
                </Form>
              </section>
              <section className="decision" aria-labelledby="reject-title">
                <h3 id="reject-title">{t("review.detail.rejectTitle")}</h3>
                <p className="field-hint">{t("review.detail.rejectHelp")}</p>
                {rejectData?.formError ? (
                  <p className="alert alert--error" role="alert">
                    {message(rejectData.formError)}
                  </p>
                ) : null}
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="reject" />
                  <TextAreaField
                    rows={3}
                    name="reason"
                    label={t("review.detail.rejectReason")}
                    error={rejectData?.errors.reason}
                    defaultValue={rejectData?.values.reason}
                    required
                    maxLength={REASON_MAX}
                  />
                  <button type="submit" className="button button--danger" disabled={busy}>
                    {t("review.detail.reject")}
                  </button>
                </Form>
              </section>
            </>
          ) : (
            <>
              <h2 id="decide-title">{t("review.detail.decidedTitle")}</h2>
              <p>
                <span className={`status status--${r.status}`}>
                  {t(`review.status.${r.status}`)}
                </span>
              </p>
              {r.decidedByName && r.decidedAt ? (
                <p data-testid="decided-by">
                  {t("review.detail.decidedBy", {
                    name: r.decidedByName,
                    at: shanghaiDateTime(r.decidedAt),
                  })}
                </p>
              ) : null}
              {r.decisionNote ? (
                <p>{t("review.detail.decisionNote", { note: r.decisionNote })}</p>
              ) : null}
              <p>
                <Link to="/aid/reviews">{t("review.detail.backToQueue")}</Link>
              </p>
            </>
          )}
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
