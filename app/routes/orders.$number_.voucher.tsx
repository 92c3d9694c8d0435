// /orders/:number/voucher — the purchase voucher (采购凭证) of a paid order, for whoever may
// see the order (the same guard as the order page), in the page's language, made to be
// printed or saved as a PDF from the browser (ADR 043).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { purchaseVoucher } from "~/domain/invoices/voucher.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import voucherCss from "~/styles/voucher.css";
import { publicOrigin } from "~/utils/env.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { requireOrderAccess } from "~/utils/order-access.server";
import { orHttpError, storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: voucherCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => `${t("invoices.voucher.title")} ${data.voucher.voucherNumber}`,
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const access = await requireOrderAccess(db, request, params.number);
  const voucher = await orHttpError(purchaseVoucher(db, access.id, locale));
  return json(
    { voucher, verifyUrl: `${publicOrigin()}/vouchers/verify` },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** Prints with a click once the page's script runs; before that, the hint says how. */
function PrintButton() {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return hydrated ? (
    <button type="button" className="button" onClick={() => window.print()}>
      {t("invoices.voucher.print")}
    </button>
  ) : (
    <p className="muted">{t("invoices.voucher.printHint")}</p>
  );
}

type Voucher = ReturnType<typeof useLoaderData<typeof loader>>["voucher"];

/** What was bought, then the totals: refunds taken off, the aid-eligible share. */
function VoucherLines({ voucher: v }: { voucher: Voucher }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("invoices.voucher.lines")}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("invoices.voucher.product")}</th>
              <th scope="col" className="num">
                {t("invoices.voucher.quantity")}
              </th>
              <th scope="col" className="num">
                {t("invoices.voucher.unitPrice")}
              </th>
              <th scope="col" className="num">
                {t("invoices.voucher.amount")}
              </th>
              <th scope="col">{t("invoices.voucher.aid")}</th>
            </tr>
          </thead>
          <tbody>
            {v.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  {line.name} <span className="muted">{line.unit}</span>
                </td>
                <td className="num">{line.quantity}</td>
                <td className="num">
                  <Money fen={line.unitPriceFen} />
                </td>
                <td className="num">
                  <Money fen={line.lineTotalFen} />
                </td>
                <td>{line.aidEligible ? t("invoices.voucher.yes") : t("invoices.voucher.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table className="voucher__totals">
        <tbody>
          <tr>
            <th scope="row">{t("invoices.voucher.subtotal")}</th>
            <td className="num">
              <Money fen={v.subtotalFen} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("invoices.voucher.shipping")}</th>
            <td className="num">
              <Money fen={v.shippingFen} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("invoices.voucher.refunded")}</th>
            <td className="num">
              <Money fen={v.refundedFen ? -v.refundedFen : 0} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("invoices.voucher.total")}</th>
            <td className="num" data-testid="voucher-total">
              <Money fen={v.netFen} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("invoices.voucher.aidShare")}</th>
            <td className="num voucher__aid" data-testid="voucher-aid">
              <Money fen={v.aidFen} /> (
              {t("invoices.voucher.aidPercent", { percent: v.aidPercent })})
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export default function PurchaseVoucherPage() {
  const { voucher: v, verifyUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const none = t("invoices.voucher.none");
  return (
    <article className="voucher" aria-labelledby="voucher-title">
      <div className="voucher__actions">
        <PrintButton />
        <Link to={`/orders/${v.orderNumber}`}>{t("invoices.voucher.back")}</Link>
      </div>
      <header className="voucher__head">
        <p className="voucher__store">{t("invoices.voucher.store")}</p>
        <h1 id="voucher-title">{t("invoices.voucher.title")}</h1>
      </header>
      <dl className="voucher__facts">
        <dt>{t("invoices.voucher.number")}</dt>
        <dd data-testid="voucher-number">{v.voucherNumber}</dd>
        <dt>{t("invoices.voucher.orderNumber")}</dt>
        <dd>{v.orderNumber}</dd>
        <dt>{t("invoices.voucher.placedAt")}</dt>
        <dd>{shanghaiDateTime(v.placedAt)}</dd>
        <dt>{t("invoices.voucher.paidAt")}</dt>
        <dd>{shanghaiDateTime(v.paidAt)}</dd>
        <dt>{t("invoices.voucher.buyer")}</dt>
        <dd>{v.buyerName}</dd>
        <dt>{t("invoices.voucher.buyerType")}</dt>
        <dd>{t(`buyerType.${v.buyerType}`)}</dd>
        <dt>{t("invoices.voucher.fundingSource")}</dt>
        <dd>{v.fundingSource ? t(`fundingSource.${v.fundingSource}`) : none}</dd>
      </dl>
      <VoucherLines voucher={v} />
      <div className="voucher__code">
        <p>
          {t("invoices.voucher.code")}
          <br />
          <strong data-testid="voucher-code">{v.code}</strong>
        </p>
        <p className="muted">{t("invoices.voucher.codeHint", { url: verifyUrl })}</p>
      </div>
      <p className="muted">{t("invoices.voucher.note")}</p>
      <p className="voucher__actions">
        <Link to="/vouchers/verify">{t("invoices.verify.link")}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
