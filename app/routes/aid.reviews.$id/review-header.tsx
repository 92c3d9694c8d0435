import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReviewDetail } from "~/domain/aid/reviews.server";
import { shanghaiDateTime } from "~/utils/time";

/** Where the page sits in the queue, what the review is about and who sent it when. */
export function ReviewHeader({ review: r }: { review: ReviewDetail }) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
