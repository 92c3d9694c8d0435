import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  moderationBuyerReviews,
  type ModerationFilter,
} from "~/domain/buyer-reviews/buyer-review-queries.server";
import { BUYER_REVIEW_MULTILINE, hideSchema } from "~/domain/buyer-reviews/buyer-review-input";
import { hideBuyerReview } from "~/domain/buyer-reviews/buyer-reviews.server";
import { FilterTabs } from "~/components/buyer-reviews/filter-tabs";
import { OfficeReviewItem } from "~/components/buyer-reviews/office-review-item";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { decimalInteger, domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireAidOfficer } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.buyerReviewModeration"),
    () => [NOINDEX],
  );

const FILTERS: readonly ModerationFilter[] = ["shown", "hidden", "all"];

/** Buyer reviews for aid officers and admins (requireAidOfficer lets both in). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const { db, locale } = await storeContext(request);
  const url = new URL(request.url);
  const filter = FILTERS.find((f) => f === url.searchParams.get("show")) ?? "shown";
  const page = decimalInteger(url.searchParams.get("page") ?? "1");
  const list = await moderationBuyerReviews(
    db,
    { filter, page: Number.isNaN(page) ? 1 : page },
    locale,
  );
  return json({ filter, ...list }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireAidOfficer(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(hideSchema, await readFormData(request), {
    multiline: BUYER_REVIEW_MULTILINE,
  });
  if (!parsed.ok) return invalidForm(parsed);
  try {
    await hideBuyerReview(db, {
      reviewId: Number(parsed.data.reviewId),
      reason: parsed.data.reason,
      actor: { id: officer.id, name: officer.name },
    });
  } catch (error) {
    return domainErrorReply(error, { reviewId: parsed.data.reviewId, reason: parsed.data.reason });
  }
  return redirect("/aid/buyer-reviews?done=hidden");
}

export default function BuyerReviewModeration() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="office">
      <h1>{t("buyerReviews.office.title")}</h1>
      <p className="muted">{t("buyerReviews.office.lead")}</p>
      {params.get("done") === "hidden" && !reply ? (
        <p className="alert alert--success" role="status">
          {t("buyerReviews.office.hiddenDone")}
        </p>
      ) : null}
      <FilterTabs
        current={data.filter}
        label={t("buyerReviews.office.title")}
        tabs={[
          { value: "shown", label: t("buyerReviews.office.filterShown") },
          { value: "hidden", label: t("buyerReviews.office.filterHidden") },
          { value: "all", label: t("buyerReviews.office.filterAll") },
        ]}
      />
      {data.reviews.length ? (
        <ol className="buyer-reviews">
          {data.reviews.map((review) => (
            <OfficeReviewItem
              key={review.id}
              review={review}
              reply={reply?.values.reviewId === String(review.id) ? reply : undefined}
            />
          ))}
        </ol>
      ) : (
        <p className="muted">{t("buyerReviews.office.empty")}</p>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
