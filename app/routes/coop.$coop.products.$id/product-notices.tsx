import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import { formatFen } from "~/utils/money";
import type { PageData, Reply } from "./product-page";

type Product = PageData["product"];

/** Where the product stands with the aid office: archived, waiting, or sent back. */
function ReviewBanner({ product }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const review = product.review;
  const price = (fen: number) => formatFen(fen, i18n.language);
  if (product.status === "archived") {
    return (
      <div className="alert" role="status">
        {t("portal.archive.archivedNote")}
      </div>
    );
  }
  if (review?.status === "pending") {
    return (
      <div className="alert review-banner" role="status">
        {review.reason === "price_raise"
          ? t("portal.review.raiseBanner", {
              current: price(product.priceFen),
              proposed: review.proposedPriceFen !== null ? price(review.proposedPriceFen) : "—",
            })
          : t("portal.review.pendingBanner", {
              reason: t(`portal.reviewReason.${review.reason}`),
            })}
      </div>
    );
  }
  if (review?.status !== "rejected") return null;
  return (
    <div className="alert alert--error" role="status" data-testid="rejection-reason">
      {t("portal.review.rejectedBanner", { note: review.decisionNote ?? "—" })}
      {review.decidedByName ? (
        <span className="muted">
          {" "}
          {t("portal.review.decidedBy", { name: review.decidedByName })}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The product's name and status, what the last change did (a success notice never stands
 * beside an action's answer: every success redirects), what went wrong, and its review.
 */
export function ProductNotices({
  product,
  done,
  reply,
}: {
  product: Product;
  done: PageData["done"];
  reply: Reply | undefined;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const notice = reply ? null : done;
  return (
    <>
      <div className="portal-head">
        <h1 id="product-title">{product.name}</h1>
        <span
          className={`product-status product-status--${product.status}`}
          data-testid="product-status"
        >
          {t(`portal.status.${product.status}`)}
        </span>
      </div>
      {notice ? (
        <div className="alert alert--success" role="status">
          {t(`portal.done.${notice}`)}
        </div>
      ) : null}
      {reply?.formError ? (
        <div className="alert alert--error" role="alert">
          {message(reply.formError, reply.params?._form)}
        </div>
      ) : null}
      <ReviewBanner product={product} />
    </>
  );
}
