import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { productBuyerReviews } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { getProductPage } from "~/domain/catalog/catalog.server";
import { isLowStock } from "~/domain/catalog/stock-shown";
import { AddToCart } from "~/components/add-to-cart";
import { ProductBuyerReviews } from "~/components/buyer-reviews/product-buyer-reviews";
import { Money } from "~/components/money";
import { OriginChip } from "~/components/origin-chip";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orHttpError, PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import type { PageCacheHandle } from "~/utils/page-cache.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (_t, data) => data.product.name,
    (_t, data) => [{ name: "description", content: data.product.summary }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const slug = params.slug ?? "";
  const product = await orHttpError(
    sharedRead(db, handle.pageCache, `product ${locale} ${slug}`, () =>
      getProductPage(db, slug, locale),
    ),
  );
  // buyer_reviews' triggers bump the catalogue version, so a kept read is never stale
  const buyerReviews = await sharedRead(db, handle.pageCache, `buyer reviews ${product.id}`, () =>
    productBuyerReviews(db, product.id),
  );
  return json(
    { product, buyerReviews },
    { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } },
  );
}

type Product = SerializeFrom<typeof loader>["product"];

export default function ProductPage() {
  const { product, buyerReviews } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="product">
      <nav aria-label={t("layout.breadcrumb")} className="breadcrumb">
        <Link to="/products">{t("nav.products")}</Link> /{" "}
        <Link to={`/counties/${product.countyCode}`}>{product.countyName}</Link> /{" "}
        <span aria-current="page">{product.name}</span>
      </nav>
      <div className="product__top">
        <img
          src={product.image}
          alt={t("product.imageAlt", { name: product.name })}
          width={400}
          height={300}
          className="product__img"
        />
        <BuyBox product={product} />
      </div>

      <section className="product__section" aria-labelledby="story-title">
        <h2 id="story-title">{t("product.storyTitle")}</h2>
        <p>{product.story}</p>
      </section>

      <CertificationsSection certifications={product.certifications} />
      <ProducerBox product={product} />
      <ProductBuyerReviews slug={product.slug} reviews={buyerReviews} />
    </article>
  );
}

function BuyBox({ product: p }: { product: Product }) {
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
      <StockNote stock={p.stock} />
      {p.stock > 0 ? (
        <AddToCart
          productId={p.id}
          name={p.name}
          withQuantity
          max={isLowStock(p.stock) ? p.stock : undefined}
          size="large"
        />
      ) : null}
      <ProductFacts product={p} />
    </div>
  );
}

function StockNote({ stock }: { stock: number }) {
  const { t } = useTranslation();
  if (stock <= 0) return <p className="stock stock--out">{t("product.soldOut")}</p>;
  if (isLowStock(stock))
    return <p className="stock stock--low">{t("product.lowStock", { count: stock })}</p>;
  return <p className="stock">{t("product.inStock")}</p>;
}

function ProductFacts({ product: p }: { product: Product }) {
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

function CertificationsSection({ certifications }: { certifications: Product["certifications"] }) {
  const { t } = useTranslation();
  return (
    <section className="product__section" aria-labelledby="certs-title">
      <h2 id="certs-title">{t("product.certsTitle")}</h2>
      {certifications.length ? (
        <TableScroll labelledBy="certs-title">
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
        </TableScroll>
      ) : (
        <p>{t("product.noCerts")}</p>
      )}
    </section>
  );
}

function ProducerBox({ product: p }: { product: Product }) {
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
