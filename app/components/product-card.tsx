import { Link } from "@remix-run/react";
import { AddToCart } from "./add-to-cart";
import { RatingSummary } from "./buyer-reviews/stars";
import { useTranslation } from "react-i18next";
import { Money } from "./money";
import { OriginChip } from "./origin-chip";

export interface CardData {
  id: number;
  slug: string;
  name: string;
  unit: string;
  priceFen: number;
  image: string;
  stock: number;
  coldChain: boolean;
  countyName: string;
  pairedDistrict: string | null;
  cooperativeName: string;
  aidEligible: boolean;
  /** shown buyer reviews (absent where a page does not read them) */
  reviewCount?: number;
  ratingAverage?: number | null;
}

export function ProductCard({
  product,
  headingLevel = 3,
}: {
  product: CardData;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const soldOut = product.stock <= 0;
  return (
    <article className="card" data-testid="product-card">
      <Link to={`/products/${product.slug}`} className="card__link" prefetch="intent">
        <img
          src={cardImage(product.image)}
          alt=""
          width={400}
          height={300}
          loading="lazy"
          className="card__img"
        />
        <Heading className="card__name">{product.name}</Heading>
      </Link>
      <OriginChip county={product.countyName} district={product.pairedDistrict} />
      <RatingSummary
        average={product.ratingAverage ?? null}
        count={product.reviewCount ?? 0}
        compact
      />
      <p className="card__unit">
        {product.unit}
        {product.coldChain ? (
          <span className="tag tag--cold">{t("product.coldChainShort")}</span>
        ) : null}
      </p>
      <div className="card__price-row">
        <Money fen={product.priceFen} className="price" />
        {product.aidEligible ? (
          <span className="aid-chip" title={t("product.aidCountsHint")}>
            {t("product.aidCounts")}
          </span>
        ) : null}
      </div>
      {soldOut ? (
        <p className="stock stock--out">{t("product.soldOut")}</p>
      ) : (
        <AddToCart productId={product.id} name={product.name} />
      )}
    </article>
  );
}

/** `headingLevel` 2 where the grid sits right under the page's h1, 3 under a section's h2. */
export function ProductGrid({
  products,
  headingLevel = 3,
}: {
  products: CardData[];
  headingLevel?: 2 | 3;
}) {
  return (
    <div className="grid">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} headingLevel={headingLevel} />
      ))}
    </div>
  );
}

/** Uploaded pictures come in two sizes; a card needs only the small one. */
function cardImage(src: string): string {
  return src.startsWith("/media/") ? src.replace(/\/800\.webp$/, "/400.webp") : src;
}
