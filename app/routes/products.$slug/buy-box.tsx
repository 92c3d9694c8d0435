import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getProductPage } from "~/domain/catalog/catalog.server";
import { isLowStock } from "~/domain/catalog/stock-shown";
import { isSoldStep } from "~/domain/catalog/units-sold";
import { AddToCart } from "~/components/add-to-cart";
import { Money } from "~/components/money";
import { OriginChip } from "~/components/origin-chip";
import { FavouriteButton } from "./favourite-button";
import { ProductFacts } from "./product-details";

export type Product = SerializeFrom<Awaited<ReturnType<typeof getProductPage>>>;

/** Name, price, aid note, stock and units sold, then add to cart, buy now and favourite. */
export function BuyBox({
  product: p,
  sold,
  favourite,
  counters,
}: {
  product: Product;
  /** units sold as soldBucket shows them */
  sold: number;
  /** null on the shared anonymous page */
  favourite: boolean | null;
  /** the Nanjing counters that have it on their shelf now */
  counters: { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="product__buy">
      <h1>{p.name}</h1>
      <p className="product__summary">{p.summary}</p>
      <OriginChip county={p.countyName} district={p.pairedDistrict} />
      <p className="product__price">
        <Money fen={p.priceFen} className="price price--large" />{" "}
        <span className="product__unit">/ {p.unit}</span>
      </p>
      {p.aidEligible ? (
        <p className="aid-note" data-testid="aid-note">
          {t("product.aidNote", { district: p.pairedDistrict ?? t("product.xining") })}
        </p>
      ) : (
        <p className="aid-note aid-note--no">{t("product.notAid")}</p>
      )}
      <p className="product__stock-row">
        <StockNote stock={p.stock} />
        {sold > 0 ? (
          <span className="sold" data-testid="units-sold">
            {t(isSoldStep(sold) ? "productPage.soldStep" : "productPage.sold", { count: sold })}
          </span>
        ) : null}
      </p>
      {p.stock > 0 ? (
        <AddToCart
          productId={p.id}
          name={p.name}
          withQuantity
          max={isLowStock(p.stock) ? p.stock : undefined}
          size="large"
          buyNow={t("productPage.buyNow")}
        />
      ) : null}
      <FavouriteButton productId={p.id} name={p.name} favourite={favourite} />
      {counters.length ? (
        <p className="product__pickup" data-testid="pickup-counters">
          {t("productPage.pickupAt")}{" "}
          {counters.map((c) => (
            <Link key={c.slug} to={`/counters#${c.slug}`}>
              {c.name}
            </Link>
          ))}
        </p>
      ) : null}
      <ProductFacts product={p} />
    </div>
  );
}

/** 有货 / 仅剩 N 件 / 已售罄, from the stock pages may show (shownStock). */
export function StockNote({ stock }: { stock: number }) {
  const { t } = useTranslation();
  if (stock <= 0) return <span className="stock stock--out">{t("product.soldOut")}</span>;
  if (isLowStock(stock))
    return <span className="stock stock--low">{t("product.lowStock", { count: stock })}</span>;
  return <span className="stock">{t("product.inStock")}</span>;
}
