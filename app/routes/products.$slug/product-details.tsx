import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Product } from "./buy-box";

// The product's facts, certificates and producer, as the page has always shown them.

export function ProductFacts({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t("product.category")}</dt>
        <dd>{p.categoryName}</dd>
      </div>
      <div>
        <dt>{t("product.storage")}</dt>
        <dd>
          {p.coldChain ? <span className="tag tag--cold">{t("product.coldChain")}</span> : null}{" "}
          {p.storage}
        </dd>
      </div>
      <div>
        <dt>{t("product.shelfLife")}</dt>
        <dd>{t("product.days", { count: p.shelfLifeDays })}</dd>
      </div>
      {p.coldChain ? (
        <div>
          <dt>{t("product.shipping")}</dt>
          <dd>{t("product.coldChainShipping")}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function CertificationsSection({
  certifications,
}: {
  certifications: Product["certifications"];
}) {
  const { t } = useTranslation();
  return (
    <section className="product__section" aria-labelledby="certs-title">
      <h2 id="certs-title">{t("product.certsTitle")}</h2>
      {certifications.length ? (
        // TableScroll's markup (~/components/table-scroll), written out: the component is a
        // chunk of its own in the browser, and this page is at issue 11's JavaScript budget
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="certs-title">
          <table className="certs">
            <thead>
              <tr>
                <th scope="col">{t("product.certKind")}</th>
                <th scope="col">{t("product.certNumber")}</th>
                <th scope="col">{t("product.certIssuer")}</th>
                <th scope="col">{t("product.certExpires")}</th>
              </tr>
            </thead>
            <tbody>
              {certifications.map((c) => (
                <tr
                  key={`${c.kind}-${c.number}`}
                  className={c.expired ? "certs__expired" : undefined}
                >
                  <td>{t(`cert.${c.kind}` as "cert.aid")}</td>
                  <td>{c.number}</td>
                  <td>{c.issuedBy}</td>
                  <td>
                    {c.expiresOn}
                    {c.expired ? (
                      <strong className="tag tag--warn">{t("product.certExpired")}</strong>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("product.noCerts")}</p>
      )}
    </section>
  );
}

export function ProducerBox({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <section className="product__section coop-box" aria-labelledby="coop-title">
      <h2 id="coop-title">{t("product.producerTitle")}</h2>
      <p>
        <Link to={`/cooperatives/${p.cooperativeSlug}`} className="coop-box__name">
          {p.cooperativeName}
        </Link>
      </p>
      <p>{p.cooperativeStory}</p>
      <p className="coop-box__farmers">
        {t("product.farmersReached", { count: p.farmersReached })}
      </p>
    </section>
  );
}
