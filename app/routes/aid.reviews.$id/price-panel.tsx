import { useTranslation } from "react-i18next";
import type { ReviewDetail } from "~/domain/aid/reviews.server";
import { isFarAboveReference } from "~/domain/aid/review-rules";
import { Money } from "~/components/money";

/** The price before, now and asked for, against the market reference. */
export function PricePanel({ price, unit }: { price: ReviewDetail["price"]; unit: string }) {
  const { t } = useTranslation();
  const farAbove = isFarAboveReference(price.overReferencePercent);
  return (
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
            <Money fen={price.currentFen} /> / {unit}
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
            <ReferencePrice price={price} farAbove={farAbove} />
          </dd>
        </div>
      </dl>
      {farAbove ? (
        <p className="verdict verdict--no">{t("review.detail.farAboveReference")}</p>
      ) : null}
    </section>
  );
}

function ReferencePrice({ price, farAbove }: { price: ReviewDetail["price"]; farAbove: boolean }) {
  const { t } = useTranslation();
  if (price.referenceFen === null) {
    return <span className="muted">{t("review.detail.noReference")}</span>;
  }
  return (
    <>
      <Money fen={price.referenceFen} />{" "}
      {price.overReferencePercent !== null ? (
        <span className={farAbove ? "price-up" : "muted"}>
          {t("review.detail.overReference", { percent: price.overReferencePercent })}
        </span>
      ) : (
        <span className="muted">{t("review.detail.underReference")}</span>
      )}
    </>
  );
}
