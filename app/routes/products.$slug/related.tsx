import { useTranslation } from "react-i18next";
import { ProductGrid, type CardData } from "~/components/product-card";

/** A small row of products from the same county or category (relatedProducts). */
export function RelatedProducts({ products }: { products: CardData[] }) {
  const { t } = useTranslation();
  if (!products.length) return null;
  return (
    <section className="product__section related" aria-labelledby="related-title">
      <h2 id="related-title">{t("productPage.related.title")}</h2>
      <p className="section__lead">{t("productPage.related.lead")}</p>
      <ProductGrid products={products} headingLevel={3} />
    </section>
  );
}
