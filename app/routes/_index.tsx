import { shanghaiYear } from "~/utils/time";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { featuredProducts, listCollections, listCounties } from "~/domain/catalog/catalog.server";
import { homeAidSummary } from "~/domain/aid/home-summary.server";
import { ProductGrid } from "~/components/product-card";
import { AidTotal } from "~/components/aid-total";
import { storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.home"),
    (t) => [{ name: "description", content: t("titles.homeDescription") }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue or the
// aid figure changes (app/utils/page-cache.server.ts).
export const handle: PageCacheHandle = { pageCache: ["catalogue", "aid"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const year = shanghaiYear();
  const [featured, counties, collections, aid] = await sharedRead(
    db,
    handle.pageCache,
    `home ${locale} ${year}`,
    () =>
      Promise.all([
        featuredProducts(db, locale),
        listCounties(db, locale),
        listCollections(db, locale),
        // from the ledger's daily rollups: eligible goods only, refunds subtracted
        homeAidSummary(db, year),
      ]),
  );
  return json({ featured, counties, collections, aid, year });
}

/** Under the year's aid figure: the thanks board, and the public figures with their digests. */
function AidLinks() {
  const { t } = useTranslation();
  return (
    <>
      <Link to="/thanks" className="aid-total__link">
        {t("contrib.thanks.homeLink")}
      </Link>
      {" · "}
      <Link to="/transparency" className="aid-total__link">
        {t("home.transparencyLink")}
      </Link>
    </>
  );
}

export default function Home() {
  const { featured, counties, collections, aid, year } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero__text">
          <h1 id="hero-title">{t("home.title")}</h1>
          <p>{t("home.lead")}</p>
          <p>
            <Link to="/products" className="button button--large">
              {t("home.shopNow")}
            </Link>
          </p>
        </div>
        <AidTotal fen={aid.fen} cooperatives={aid.cooperatives} orders={aid.orders} year={year}>
          <AidLinks />
        </AidTotal>
      </section>

      <section aria-labelledby="counties-title" className="section">
        <h2 id="counties-title">{t("home.countiesTitle")}</h2>
        <p className="section__lead">{t("home.countiesLead")}</p>
        <ul className="county-list">
          {counties.map((c) => (
            <li key={c.code}>
              <Link to={`/counties/${c.code}`} className="county-tile">
                <img
                  src={`/images/counties/${c.code}.svg`}
                  alt=""
                  width={600}
                  height={300}
                  loading="lazy"
                />
                <span className="county-tile__name">{c.name}</span>
                <span className="county-tile__pair">
                  {t("home.pairedWith", { district: c.pairedDistrict })}
                </span>
                <span className="county-tile__count">
                  {t("home.productCount", { count: c.productCount })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="featured-title" className="section">
        <div className="section__head">
          <h2 id="featured-title">{t("home.featuredTitle")}</h2>
          <Link to="/products">{t("home.seeAll")}</Link>
        </div>
        <ProductGrid products={featured} />
      </section>

      <section aria-labelledby="collections-title" className="section">
        <h2 id="collections-title">{t("home.collectionsTitle")}</h2>
        <ul className="collection-list">
          {collections.map((c) => (
            <li key={c.slug}>
              <Link
                to={`/collections/${c.slug}`}
                className={`collection-tile collection-tile--${c.slug}`}
              >
                <span className="collection-tile__name">{c.name}</span>
                <span className="collection-tile__intro">{c.intro}</span>
                <span className="collection-tile__count">
                  {t("home.productCount", { count: c.productCount })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
