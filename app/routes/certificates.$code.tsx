// /certificates/:code — anyone holding a certificate can check it against the aid ledger.
// Shows the masked name, the period and the amounts; never contacts or orders.
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { certificateQr } from "~/domain/aid/certificate-qr.server";
import { verifyCertificate } from "~/domain/aid/certificates.server";
import { NotFoundError } from "~/domain/errors";
import { CertificateQr } from "~/components/certificate-qr";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import contribCss from "~/styles/contrib.css";
import { CertificateBreakdownTables } from "~/components/certificate-breakdown";
import { storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

/** A verification reflects the ledger now, and is nobody's business but the holder's. */
const PRIVATE = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.certificateCheck"),
    () => [{ name: "robots", content: "noindex, nofollow" }],
  );

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) =>
  errorHeaders ?? loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  try {
    const result = await verifyCertificate(db, params.code ?? "", locale);
    // drawn from the code as stored, never from the address as the visitor typed it
    const qr = await certificateQr(result.code);
    return json({ ...result, qr }, { headers: PRIVATE });
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new Response("Not Found", { status: 404, headers: PRIVATE });
    }
    throw error;
  }
}

export default function VerifyCertificate() {
  const v = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const period = { start: v.periodStart, end: v.periodEnd };
  return (
    <section className="verify" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("contrib.verify.title")}</h1>
      <p className="section__lead">{t("contrib.verify.lead")}</p>
      <p
        className={`alert verify__result ${v.matches ? "alert--success" : "alert--error"}`}
        role="status"
        data-testid="verify-result"
        data-check={v.check}
      >
        {t(`contrib.verify.${v.check}`)}
      </p>
      <table className="data-table">
        <tbody>
          <tr>
            <th scope="row">{t("contrib.verify.code")}</th>
            <td className="certificate__code">{v.code}</td>
          </tr>
          <tr>
            <th scope="row">{t("contrib.verify.holder")}</th>
            <td>{v.displayName}</td>
          </tr>
          <tr>
            <th scope="row">{t("contrib.verify.period")}</th>
            <td data-testid="verify-period">{t("contrib.certificate.periodValue", period)}</td>
          </tr>
          <tr>
            <th scope="row">{t("contrib.verify.issuedAt")}</th>
            <td>{shanghaiDateTime(v.issuedAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("contrib.verify.issuedAmount")}</th>
            <td className="num" data-testid="verify-issued">
              <Money fen={v.issuedFen} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("contrib.verify.currentAmount")}</th>
            <td className="num aid-figure" data-testid="verify-current">
              <Money fen={v.currentFen} />
            </td>
          </tr>
        </tbody>
      </table>
      {v.matches ? <CertificateBreakdownTables breakdown={v.breakdown} /> : null}
      <CertificateQr qr={v.qr} linked={false} />
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">404</p>
      <h1 id="error-title">{t("contrib.verify.notFoundTitle")}</h1>
      <p>{t("contrib.verify.notFoundBody")}</p>
      <p>
        <Link className="button" to="/">
          {t("errors.backToShop")}
        </Link>
      </p>
    </section>
  );
}
