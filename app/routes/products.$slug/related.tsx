import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CardData } from "~/components/product-card";
import { Money } from "~/components/money";
import { OriginChip } from "~/components/origin-chip";

/**
 * A small row of products from the same county or category (relatedProducts): picture,
 * name, price and origin, each a link. No add-to-cart here, so the page keeps one buy box.
 */
export function RelatedProducts({ products }: { products: CardData[] }) {
  const { t } = useTranslation();
  if (!products.length) return null;
  return (
    <section className="product__section related" aria-labelledby="related-title">
      <h2 id="related-title">{t("productPage.related.title")}</h2>
      <p className="section__lead">{t("productPage.related.lead")}</p>
      <ul className="related__row" data-testid="related">
        {products.map((p) => (
          <li key={p.id} className="related__item">
            <Link to={`/products/${p.slug}`} className="related__link" prefetch="intent">
              <img
                src={p.image.replace(/^(\/media\/.+)\/800\.webp$/, "$1/400.webp")}
                alt=""
                width={400}
                height={300}
                loading="lazy"
              />
              <h3 className="related__name">{p.name}</h3>
            </Link>
            <Money fen={p.priceFen} className="price" />
            <OriginChip county={p.countyName} district={p.pairedDistrict} />
          </li>
        ))}
      </ul>
    </section>
  );
}
