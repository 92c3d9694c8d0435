import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCoopProducts, reviewView } from "~/domain/coop/product-queries.server";
import { portalCooperative } from "~/domain/coop/portal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import portalCss from "~/styles/portal.css";
import { formatFen } from "~/utils/money";
import { storeContext } from "~/utils/request.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

// fulfil.css comes from the portal's layout (coop.$coop.tsx)
export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopProducts", { coop: data.cooperative.name }),
    () => [NOINDEX],
  );

const DONE = ["archived"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  const products = await listCoopProducts(db, cooperative.id);
  const done = new URL(request.url).searchParams.get("done");
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      done: DONE.find((d) => d === done) ?? null,
      products: products.map((p) => ({
        id: p.id,
        slug: p.slug,
        name: locale === "en" ? p.nameEn : p.nameZh,
        otherName: locale === "en" ? p.nameZh : p.nameEn,
        status: p.status,
        priceFen: p.priceFen,
        stock: p.stock,
        image: p.image,
        review: reviewView(p.review),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Product = SerializeFrom<typeof loader>["products"][number];

/** Where the product's newest review stands, with the price asked or the reason refused. */
function ReviewNote({ review }: { review: Product["review"] }) {
  const { t, i18n } = useTranslation();
  if (!review) return <span className="muted">{t("portal.products.noReview")}</span>;
  return (
    <div className={`review-note review-note--${review.status}`}>
      <span>
        {t("portal.review.summary", {
          reason: t(`portal.reviewReason.${review.reason}`),
          status: t(`portal.reviewStatus.${review.status}`),
        })}
      </span>
      {review.status === "pending" && review.proposedPriceFen !== null ? (
        <span className="review-note__detail">
          {t("portal.review.proposedPrice", {
            price: formatFen(review.proposedPriceFen, i18n.language),
          })}
        </span>
      ) : null}
      {review.status === "rejected" && review.decisionNote ? (
        <span className="review-note__detail" data-testid="rejection-reason">
          {t("portal.review.rejectedBecause", { note: review.decisionNote })}
        </span>
      ) : null}
    </div>
  );
}

function ProductRow({ product: p, base }: { product: Product; base: string }) {
  const { t } = useTranslation();
  return (
    <tr data-status={p.status}>
      <td>
        <div className="portal-product">
          <img src={p.image} alt="" width={64} height={48} loading="lazy" />
          <span>
            <Link to={`${base}/${p.id}`}>{p.name}</Link>
            <span className="muted portal-product__other">{p.otherName}</span>
          </span>
        </div>
      </td>
      <td>
        <span className={`product-status product-status--${p.status}`}>
          {t(`portal.status.${p.status}`)}
        </span>
      </td>
      <td className="num">
        <Money fen={p.priceFen} />
      </td>
      <td className="num">
        <span className={p.stock === 0 ? "stock stock--out" : undefined}>{p.stock}</span>
      </td>
      <td>
        <ReviewNote review={p.review} />
      </td>
      <td>
        <Link to={`${base}/${p.id}`} aria-label={t("portal.products.editNamed", { name: p.name })}>
          {t("portal.products.edit")}
        </Link>
        {p.status === "active" ? (
          <>
            {" · "}
            <Link to={`/products/${p.slug}`}>{t("portal.products.viewInStore")}</Link>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function ProductTable({ products, base }: { products: Product[]; base: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll labelledBy="products-title">
      <table className="portal-table" data-testid="coop-products">
        <thead>
          <tr>
            <th scope="col">{t("portal.products.name")}</th>
            <th scope="col">{t("portal.products.status")}</th>
            <th scope="col" className="num">
              {t("portal.products.price")}
            </th>
            <th scope="col" className="num">
              {t("portal.products.stock")}
            </th>
            <th scope="col">{t("portal.products.review")}</th>
            <th scope="col">{t("portal.products.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <ProductRow key={p.id} product={p} base={base} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function CoopProducts() {
  const { cooperative, products, done } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/coop/${cooperative.slug}/products`;
  return (
    <section aria-labelledby="products-title" className="portal-products">
      <div className="portal-head">
        <h1 id="products-title">{t("portal.products.title")}</h1>
        <Link to={`${base}/new`} className="button">
          {t("portal.products.new")}
        </Link>
      </div>
      <p className="section__lead">{t("portal.products.lead")}</p>
      {done ? (
        <div className="alert alert--success" role="status">
          {t(`portal.done.${done}`)}
        </div>
      ) : null}
      {products.length ? (
        <>
          <p className="muted">{t("portal.products.count", { count: products.length })}</p>
          <ProductTable products={products} base={base} />
        </>
      ) : (
        <p className="empty">{t("portal.products.empty")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
