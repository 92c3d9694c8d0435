import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countersWithShelves, type CounterPlace } from "~/domain/counters/counter-shelves.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import countersCss from "~/styles/counters.css";
import { pageMeta } from "~/utils/meta";
import type { PageCacheHandle } from "~/utils/page-cache.server";
import { PUBLIC_PAGE_CACHE, storeContext } from "~/utils/request.server";
import { sharedRead } from "~/utils/shared-reads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: countersCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t) => t("counters.title"),
    (t) => [{ name: "description", content: t("counters.description") }],
  );

// The same for every anonymous visitor: kept in the page cache until the catalogue changes
// (app/utils/page-cache.server.ts); counters and their shelves bump it (ADR 047).
export const handle: PageCacheHandle = { pageCache: ["catalogue"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const counters = await sharedRead(db, handle.pageCache, `counters ${locale}`, () =>
    countersWithShelves(db, locale),
  );
  return json({ counters }, { headers: { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie" } });
}

export default function CountersPage() {
  const { counters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="counters-page">
      <h1>{t("counters.title")}</h1>
      <p className="section__lead">{t("counters.lead")}</p>
      {counters.length ? (
        counters.map((counter) => <CounterSection key={counter.slug} counter={counter} />)
      ) : (
        <p className="empty">{t("counters.empty")}</p>
      )}
    </div>
  );
}

/** One counter: where and when, then what is on its shelf now. Its slug is its anchor. */
function CounterSection({ counter: c }: { counter: CounterPlace }) {
  const { t } = useTranslation();
  return (
    <section id={c.slug} className="counter-place" aria-labelledby={`${c.slug}-title`}>
      <h2 id={`${c.slug}-title`}>{c.name}</h2>
      <dl className="counter-place__facts">
        <dt>{t("counters.address")}</dt>
        <dd>{c.address}</dd>
        <dt>{t("counters.district")}</dt>
        <dd>{c.district}</dd>
        <dt>{t("counters.hours")}</dt>
        <dd>{c.hours}</dd>
        {c.phone ? (
          <>
            <dt>{t("counters.phone")}</dt>
            <dd>
              <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a
          href={c.mapUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="button button--ghost"
          aria-label={t("counters.mapNamed", { name: c.name })}
        >
          {t("counters.map")}
        </a>
      </p>
      <h3>{t("counters.shelfTitle")}</h3>
      {c.shelf.length ? (
        <ul className="counter-shelf" data-testid={`shelf-${c.slug}`}>
          {c.shelf.map((item) => (
            <li key={item.slug}>
              <Link to={`/products/${item.slug}`}>{item.name}</Link>
              <span className="counter-shelf__price">
                <Money fen={item.priceFen} className="price" /> / {item.unit}
              </span>
              {item.fewLeft ? (
                <span className="stock stock--low">
                  {t("product.lowStock", { count: item.fewLeft })}
                </span>
              ) : (
                <span className="stock">{t("product.inStock")}</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("counters.shelfEmpty")}</p>
      )}
      <p className="counter-place__pickup">{t("counters.pickup", { name: c.name })}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
