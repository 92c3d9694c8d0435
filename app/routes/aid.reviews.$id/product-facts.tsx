import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReviewDetail } from "~/domain/aid/reviews.server";

/** A term and its description in a facts list. */
function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The product as the cooperative described it. */
export function ProductFacts({ product: p }: { product: ReviewDetail["product"] }) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="product-title">
      <h2 id="product-title">{t("review.detail.productTitle")}</h2>
      <div className="review-page__product">
        <img
          src={p.image}
          alt={t("review.detail.imageAlt", { name: p.name })}
          width={160}
          height={120}
        />
        <dl className="facts facts--wide">
          <Fact term={t("review.detail.nameZh")}>{p.nameZh}</Fact>
          <Fact term={t("review.detail.nameEn")}>{p.nameEn}</Fact>
          {p.summary ? <Fact term={t("review.detail.summary")}>{p.summary}</Fact> : null}
          <Fact term={t("review.detail.category")}>{p.categoryName}</Fact>
          <Fact term={t("review.detail.unit")}>{p.unit}</Fact>
          <Fact term={t("review.detail.stock")}>{p.stock}</Fact>
          <Fact term={t("review.detail.coldChain")}>
            {p.coldChain ? t("review.detail.yes") : t("review.detail.no")}
          </Fact>
          {p.storage ? <Fact term={t("review.detail.storage")}>{p.storage}</Fact> : null}
          <Fact term={t("review.detail.shelfLife")}>
            {t("review.detail.shelfLifeDays", { count: p.shelfLifeDays })}
          </Fact>
          <Fact term={t("review.detail.productStatus")}>
            <span className={`status status--${p.status}`}>
              {t(`review.productStatus.${p.status}`)}
            </span>
            {p.status === "active" ? (
              <>
                {" "}
                <Link to={`/products/${p.slug}`}>{t("review.detail.viewInStore")}</Link>
              </>
            ) : null}
          </Fact>
        </dl>
      </div>
    </section>
  );
}

/** Who grows it and where: the cooperative, its county and the paired district. */
export function OriginFacts({
  cooperative: c,
  county,
}: {
  cooperative: ReviewDetail["cooperative"];
  county: ReviewDetail["county"];
}) {
  const { t } = useTranslation();
  return (
    <section className="office-panel" aria-labelledby="origin-title">
      <h2 id="origin-title">{t("review.detail.originTitle")}</h2>
      <dl className="facts facts--wide">
        <Fact term={t("review.detail.cooperative")}>
          <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
        </Fact>
        <Fact term={t("review.detail.kind")}>{t(`admin.kinds.${c.kind}`)}</Fact>
        <Fact term={t("review.detail.county")}>{county.name}</Fact>
        <Fact term={t("review.detail.pairedDistrict")}>
          {county.pairedDistrict ?? t("review.detail.pairedNone")}
        </Fact>
        <Fact term={t("review.detail.farmersReached")}>
          {t("review.detail.farmersCount", { count: c.farmersReached })}
        </Fact>
        <Fact term={t("review.detail.founded")}>{c.foundedYear}</Fact>
      </dl>
    </section>
  );
}
