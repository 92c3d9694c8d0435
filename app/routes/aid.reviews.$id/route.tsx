import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DECISION_MULTILINE, decisionSchema, type DecisionInput } from "~/domain/aid/review-input";
import { approveReview, rejectReview } from "~/domain/aid/review-decisions.server";
import { getReview } from "~/domain/aid/reviews.server";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, parseForm } from "~/utils/forms";
import { orHttpError, readFormData, storeContext } from "~/utils/request.server";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { CertsPanel } from "./certs-panel";
import { ChangesPanel } from "./changes-panel";
import { DecisionPanel, type DecisionReply } from "./decision-panel";
import { OriginFacts, ProductFacts } from "./product-facts";
import { PricePanel } from "./price-panel";
import { ReviewHeader } from "./review-header";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.aidReview", { name: data.review.product.name }),
    () => [NOINDEX],
  );

function reviewId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^\d{1,9}$/.test(id)) throw new Response("Not Found", { status: 404 });
  return Number(id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAidOfficer(request);
  const id = reviewId(params);
  const { db, locale } = await storeContext(request);
  const review = await orHttpError(getReview(db, id, locale));
  return json(
    { review, officerName: user.name },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAidOfficer(request);
  const id = reviewId(params);
  const parsed = parseForm(decisionSchema, await readFormData(request), {
    multiline: DECISION_MULTILINE,
  });
  if (!parsed.ok) {
    // a missing or unknown intent belongs to no one field: it is said above both forms
    const { intent: intentError, ...errors } = parsed.errors;
    const intent = parsed.values.intent ?? "";
    const reply = { intent, errors, values: parsed.values, formError: intentError };
    return json<DecisionReply>(reply, { status: 400 });
  }
  const officer = { id: user.id, name: user.name };
  const input = parsed.data;
  const db = await getDb();
  try {
    if (input.intent === "approve") {
      await approveReview(db, { reviewId: id, officer, note: input.note });
    } else {
      await rejectReview(db, { reviewId: id, officer, reason: input.reason });
    }
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) {
      throw new Response(error.code, { status: 404 });
    }
    // the intent goes with the reply so the message shows beside its form
    return domainErrorReply(error, decisionValues(input), { intent: input.intent });
  }
  return redirect(`/aid/reviews?decided=${id}`);
}

/** What was typed, as the form shows it again (trimmed, as it was checked). */
function decisionValues(input: DecisionInput): Record<string, string> {
  return input.intent === "approve"
    ? { intent: "approve", note: input.note ?? "" }
    : { intent: "reject", reason: input.reason };
}

export default function ReviewPage() {
  const { review, officerName } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const message = useMessage();
  const forForm = reply?.intent === "approve" || reply?.intent === "reject";
  const looseError = reply && !forForm ? reply.formError : undefined;
  return (
    <article className="review-page">
      <ReviewHeader review={review} />
      {looseError ? (
        <p className="alert alert--error" role="alert">
          {message(looseError)}
        </p>
      ) : null}
      <div className="review-page__layout">
        <div>
          <ProductFacts product={review.product} />
          <OriginFacts cooperative={review.cooperative} county={review.county} />
          <CertsPanel review={review} />
          <PricePanel price={review.price} unit={review.product.unit} />
          <ChangesPanel changedFields={review.changedFields} otherChanges={review.otherChanges} />
        </div>
        <DecisionPanel review={review} officerName={officerName} reply={reply} />
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
