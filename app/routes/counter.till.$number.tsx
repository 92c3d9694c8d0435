// /counter/till/:number — the receipt of one of this counter's till sales (ADR 050), for its
// clerk to hand over or print (@media print leaves the receipt alone on the page). Another
// counter's sale, or any other order, is not found here.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { tillReceipt, type TillReceipt } from "~/domain/counters/till-reads.server";
import { ORDER_NUMBER_RE } from "~/domain/orders/order-number";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import tillCss from "~/styles/till.css";
import { requireCounterStaff } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { orHttpError, storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tillCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => `${t("till.receipt.title")} ${data.receipt.number}`,
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { counter } = await requireCounterStaff(request);
  const number = (params.number ?? "").toUpperCase();
  if (!ORDER_NUMBER_RE.test(number)) throw new Response("Not Found", { status: 404 });
  const { db, locale } = await storeContext(request);
  const receipt = await orHttpError(tillReceipt(db, counter.id, number, locale));
  return json({ receipt }, { headers: { "Cache-Control": "private, no-store" } });
}

/** Prints with a click once the page's script runs; before that, the hint says how. */
function PrintButton() {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return hydrated ? (
    <button type="button" className="button" onClick={() => window.print()}>
      {t("till.receipt.print")}
    </button>
  ) : (
    <p className="muted">{t("till.receipt.printHint")}</p>
  );
}

export default function TillReceiptPage() {
  const { receipt } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <article className="receipt" aria-labelledby="receipt-title">
      {params.get("sold") ? (
        <p className="alert alert--success receipt__actions" role="status">
          {t("till.receipt.recorded")}
        </p>
      ) : null}
      <div className="button-row receipt__actions">
        <Link to="/counter/till" className="button">
          {params.get("sold") ? t("till.receipt.newSale") : t("till.receipt.back")}
        </Link>
        <PrintButton />
      </div>
      <header className="receipt__head">
        <h1 id="receipt-title">{t("till.receipt.title")}</h1>
        <p className="receipt__counter">{receipt.counter.name}</p>
        <p className="muted">
          {receipt.counter.address}
          {receipt.counter.phone ? ` · ${receipt.counter.phone}` : null}
        </p>
      </header>
      <ReceiptFacts receipt={receipt} />
      <ReceiptLines receipt={receipt} />
      <p className="receipt__thanks">{t("till.receipt.thanks")}</p>
    </article>
  );
}

function ReceiptFacts({ receipt }: { receipt: TillReceipt }) {
  const { t } = useTranslation();
  return (
    <dl className="facts receipt__facts">
      <div>
        <dt>{t("till.receipt.number")}</dt>
        <dd data-testid="receipt-number">{receipt.number}</dd>
      </div>
      <div>
        <dt>{t("till.receipt.time")}</dt>
        <dd>{shanghaiDateTime(receipt.paidAt)}</dd>
      </div>
      <div>
        <dt>{t("till.receipt.payment")}</dt>
        <dd>{receipt.payment ? t(`till.sale.payments.${receipt.payment}`) : "—"}</dd>
      </div>
      <div>
        <dt>{t("till.receipt.buyer")}</dt>
        <dd>
          {receipt.orgName
            ? `${receipt.orgName} · ${t(`buyerType.${receipt.buyerType}`)}`
            : t("till.sale.walkIn")}
        </dd>
      </div>
      {receipt.clerk ? (
        <div>
          <dt>{t("till.receipt.clerk")}</dt>
          <dd>{receipt.clerk}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function ReceiptLines({ receipt }: { receipt: TillReceipt }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="receipt-lines-title">
      <h2 id="receipt-lines-title">{t("till.receipt.linesTitle")}</h2>
      <table className="receipt__lines" data-testid="receipt-lines">
        <thead>
          <tr>
            <th scope="col">{t("till.sale.columns.product")}</th>
            <th scope="col" className="num">
              {t("till.sale.columns.quantity")}
            </th>
            <th scope="col" className="num">
              {t("till.sale.columns.lineTotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.aidEligible ? "✓ " : null}
                {line.name} <span className="muted">{line.unit}</span>
              </td>
              <td className="num">
                {line.quantity} × <Money fen={line.unitPriceFen} />
              </td>
              <td className="num">
                <Money fen={line.lineTotalFen} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t("till.receipt.total")}
            </th>
            <td className="num receipt__total" data-testid="receipt-total">
              <Money fen={receipt.totalFen} />
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              {t("till.receipt.aidEligible")}
            </th>
            <td className="num aid-figure">
              <Money fen={receipt.aidEligibleFen} />
            </td>
          </tr>
          {receipt.refundedFen ? (
            <tr>
              <th scope="row" colSpan={2}>
                {t("till.receipt.refunded")}
              </th>
              <td className="num">
                −<Money fen={receipt.refundedFen} />
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
      <p className="field-hint">{t("till.receipt.aidNote")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
