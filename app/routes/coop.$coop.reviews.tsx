import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  coopBuyerReviews,
  type CoopReviewFilter,
} from "~/domain/buyer-reviews/buyer-review-queries.server";
import { BUYER_REVIEW_MULTILINE, replySchema } from "~/domain/buyer-reviews/buyer-review-input";
import { replyToBuyerReview } from "~/domain/buyer-reviews/buyer-reviews.server";
import { portalCooperative } from "~/domain/coop/portal";
import { CoopReviewItem } from "~/components/buyer-reviews/coop-review-item";
import { FilterTabs } from "~/components/buyer-reviews/filter-tabs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import portalCss from "~/styles/portal.css";
import { decimalInteger, domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopBuyerReviews", { coop: data.cooperative.name }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const url = new URL(request.url);
  const filter: CoopReviewFilter = url.searchParams.get("show") === "all" ? "all" : "open";
  const page = decimalInteger(url.searchParams.get("page") ?? "1");
  // scoped: only reviews of this cooperative's own products
  const list = await coopBuyerReviews(
    db,
    cooperative.id,
    { filter, page: Number.isNaN(page) ? 1 : page },
    locale,
  );
  return json(
    { cooperative: portalCooperative(cooperative, locale), filter, ...list },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db } = await storeContext(request);
  const parsed = parseForm(replySchema, await readFormData(request), {
    multiline: BUYER_REVIEW_MULTILINE,
  });
  if (!parsed.ok) return invalidForm(parsed);
  try {
    await replyToBuyerReview(db, {
      cooperativeId: cooperative.id,
      reviewId: Number(parsed.data.reviewId),
      reply: parsed.data.reply,
      actor: { id: user.id, name: user.name },
    });
  } catch (error) {
    return domainErrorReply(error, { reviewId: parsed.data.reviewId, reply: parsed.data.reply });
  }
  const back = new URL(request.url).searchParams.get("show") === "all" ? "show=all&" : "";
  return redirect(`/coop/${cooperative.slug}/reviews?${back}done=replied`);
}

export default function CoopBuyerReviews() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="portal">
      <h1>{t("buyerReviews.coop.title")}</h1>
      <p className="muted">{t("buyerReviews.coop.lead")}</p>
      {params.get("done") === "replied" && !reply ? (
        <p className="alert alert--success" role="status">
          {t("buyerReviews.coop.replied")}
        </p>
      ) : null}
      <FilterTabs
        current={data.filter}
        label={t("buyerReviews.coop.title")}
        tabs={[
          { value: "open", label: t("buyerReviews.coop.filterOpen") },
          { value: "all", label: t("buyerReviews.coop.filterAll") },
        ]}
      />
      {data.reviews.length ? (
        <ol className="buyer-reviews">
          {data.reviews.map((review) => (
            <CoopReviewItem
              key={review.id}
              review={review}
              reply={reply?.values.reviewId === String(review.id) ? reply : undefined}
            />
          ))}
        </ol>
      ) : (
        <p className="muted">{t("buyerReviews.coop.empty")}</p>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
