import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { lineForReviewForm } from "~/domain/buyer-reviews/buyer-review-queries.server";
import {
  BUYER_REVIEW_MULTILINE,
  buyerReviewSchema,
} from "~/domain/buyer-reviews/buyer-review-input";
import {
  lineForReview,
  reviewRefusal,
  submitBuyerReview,
} from "~/domain/buyer-reviews/buyer-reviews.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { orHttpError, storeContext } from "~/utils/request.server";
import { ReviewForm } from "./review-form";
import { readReviewUpload } from "./review-upload.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.writeBuyerReview", { product: data.line.name }),
    () => [NOINDEX],
  );

/** A line id from the URL; anything else is a line that does not exist. */
const lineIdFrom = (raw: string | undefined) =>
  raw && /^[1-9]\d{0,11}$/.test(raw) ? Number(raw) : Number.NaN;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  const lineId = lineIdFrom(params.line);
  // only the buyer's own line: anyone else's is a 404, as if it did not exist
  const eligibility = await orHttpError(lineForReview(db, user.id, lineId));
  const line = await lineForReviewForm(db, user.id, eligibility.id, locale);
  if (!line) throw new Response("Not found", { status: 404 });
  return json(
    { line, refusal: reviewRefusal(eligibility) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const lineId = lineIdFrom(params.line);
  // refused before the body is read: another person's line gets nothing
  await orHttpError(lineForReview(db, user.id, lineId));
  const upload = await readReviewUpload(request);
  const values = upload.form ? formValues(upload.form) : {};
  delete values.pictures;
  if (!upload.ok) {
    const params = upload.params ? { pictures: upload.params } : undefined;
    return invalidForm({ errors: { pictures: upload.error }, values }, { params });
  }
  const parsed = parseForm(buyerReviewSchema, upload.form, { multiline: BUYER_REVIEW_MULTILINE });
  if (!parsed.ok) return invalidForm(parsed);
  try {
    await submitBuyerReview(db, {
      userId: user.id,
      userName: user.name,
      lineId,
      rating: parsed.data.rating,
      body: parsed.data.body,
      pictures: upload.pictures,
    });
  } catch (error) {
    return domainErrorReply(error, values);
  }
  return redirect("/account/reviews?done=reviewed");
}

export default function WriteBuyerReview() {
  const { line, refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <div className="account">
      <p>
        <Link to="/account/reviews">{t("buyerReviews.account.title")}</Link>
      </p>
      <h1>{t("buyerReviews.form.title")}</h1>
      <div className="review-waiting">
        <img src={line.image} alt="" width={80} height={60} />
        <div>
          <p>
            <Link to={`/products/${line.productSlug}`}>{line.name}</Link>
          </p>
          <p className="muted">
            {t("buyerReviews.form.lead", { number: line.orderNumber, unit: line.unit })}
          </p>
        </div>
      </div>
      {refusal ? (
        <p className="alert" role="status" data-testid="review-refusal">
          {message(refusal)}
        </p>
      ) : (
        <ReviewForm reply={reply} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
