import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  linesAwaitingReview,
  myBuyerReviews,
} from "~/domain/buyer-reviews/buyer-review-queries.server";
import { ReviewPictures } from "~/components/buyer-reviews/review-pictures";
import { Stars } from "~/components/buyer-reviews/stars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { storeContext } from "~/utils/request.server";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.myBuyerReviews"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  const [waiting, mine] = await Promise.all([
    linesAwaitingReview(db, user.id, locale),
    myBuyerReviews(db, user.id, locale),
  ]);
  return json({ waiting, mine }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyBuyerReviews() {
  const { waiting, mine } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="account">
      <p>
        <Link to="/account">{t("buyerReviews.account.backToAccount")}</Link>
      </p>
      <h1>{t("buyerReviews.account.title")}</h1>
      {params.get("done") === "reviewed" ? (
        <p className="alert alert--success" role="status">
          {t("buyerReviews.form.thanks")}
        </p>
      ) : null}
      <section className="section" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t("buyerReviews.account.waiting")}</h2>
        {waiting.length ? (
          <ul className="review-links" data-testid="reviews-waiting">
            {waiting.map((line) => (
              <li key={line.lineId}>
                <span className="review-waiting">
                  <img src={line.image} alt="" width={64} height={48} />
                  <span>
                    {line.name}
                    <br />
                    <span className="muted">
                      {t("buyerReviews.account.orderLine", {
                        number: line.orderNumber,
                        date: line.orderedOn,
                      })}
                    </span>
                  </span>
                </span>
                <Link
                  to={`/account/reviews/${line.lineId}`}
                  className="button button--small"
                  aria-label={t("buyerReviews.order.writeFor", { name: line.name })}
                >
                  {t("buyerReviews.order.write")}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("buyerReviews.account.waitingEmpty")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="mine-title">
        <h2 id="mine-title">{t("buyerReviews.account.mine")}</h2>
        {mine.length ? (
          <ol className="buyer-reviews" data-testid="my-reviews">
            {mine.map((review) => (
              <MyReview key={review.id} review={review} />
            ))}
          </ol>
        ) : (
          <p className="muted">{t("buyerReviews.account.mineEmpty")}</p>
        )}
      </section>
    </div>
  );
}

type Mine = SerializeFrom<typeof loader>["mine"][number];

/** One of the buyer's reviews, with the reply and, if hidden, that it is. */
function MyReview({ review }: { review: Mine }) {
  const { t } = useTranslation();
  return (
    <li className="buyer-review">
      <p className="buyer-review__head">
        <Link to={`/products/${review.productSlug}`}>{review.name}</Link>{" "}
        <Stars rating={review.rating} />{" "}
        <time className="muted" dateTime={review.date}>
          {review.date}
        </time>
      </p>
      <p className="buyer-review__body">{review.body}</p>
      <ReviewPictures pictures={review.pictures} />
      {review.reply ? (
        <div className="buyer-review__reply">
          <p className="buyer-review__reply-head">{t("buyerRatings.reply")}</p>
          <p>{review.reply}</p>
        </div>
      ) : null}
      {review.hidden ? (
        <p className="buyer-review__hidden">{t("buyerReviews.account.hidden")}</p>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
