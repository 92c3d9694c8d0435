// /account/aid/certificate/:code — the owner's printable certificate. (`aid_` keeps it out
// of the /account/aid page's layout: it is a page of its own, not a part of that one.)
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { certificateQr } from "~/domain/aid/certificate-qr.server";
import { ownCertificate, verifyCertificate } from "~/domain/aid/certificates.server";
import { CertificateQr } from "~/components/certificate-qr";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Money } from "~/components/money";
import { CertificateBreakdownTables } from "~/components/certificate-breakdown";
import contribCss from "~/styles/contrib.css";
import { formatFen } from "~/utils/money";
import { orHttpError, storeContext } from "~/utils/request.server";
import { requireUser } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { useHydrated } from "~/utils/use-hydrated";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contribCss }];

/** The loader's private, no-store reaches the page itself, not only its data requests. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.certificate", { code: data.certificate.code }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  const certificate = await orHttpError(ownCertificate(db, user, params.code ?? ""));
  const [check, qr] = await Promise.all([
    verifyCertificate(db, certificate.code, locale),
    certificateQr(certificate.code),
  ]);
  return json(
    {
      certificate,
      currentFen: check.currentFen,
      // where the amount went, while the ledger still says what the certificate says
      breakdown: check.matches ? check.breakdown : null,
      verifyUrl: qr.text,
      qr,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function CertificatePrint() {
  const { certificate: c, currentFen, breakdown, qr } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const period = { start: c.periodStart, end: c.periodEnd };
  return (
    <>
      <p className="no-print">
        <Link to="/account/aid">← {t("contrib.certificate.back")}</Link>
      </p>
      {currentFen !== c.amountFen ? (
        <p className="alert no-print" role="status">
          {t("contrib.certificate.stale", { amount: formatFen(currentFen, i18n.language) })}
        </p>
      ) : null}
      <article className="certificate" aria-labelledby="certificate-title">
        <h1 id="certificate-title">{t("contrib.certificate.heading")}</h1>
        <p className="certificate__statement">
          {t("contrib.certificate.statement", { name: c.holderName, ...period })}
        </p>
        <p className="certificate__amount" data-testid="certificate-amount">
          <Money fen={c.amountFen} />
        </p>
        <p className="certificate__wan">
          {t("contrib.certificate.wan", { wan: (c.amountFen / 1_000_000).toFixed(2) })}
        </p>
        <dl className="certificate__facts">
          <dt>{t("contrib.certificate.code")}</dt>
          <dd className="certificate__code" data-testid="certificate-code">
            {c.code}
          </dd>
          <dt>{t("contrib.certificate.period")}</dt>
          <dd>{t("contrib.certificate.periodValue", period)}</dd>
          <dt>{t("contrib.certificate.issuedAt")}</dt>
          <dd>{shanghaiDateTime(c.issuedAt)}</dd>
          <dt>{t("contrib.certificate.publicName")}</dt>
          <dd>{c.displayName}</dd>
        </dl>
        {breakdown ? <CertificateBreakdownTables breakdown={breakdown} /> : null}
        <div className="certificate__foot">
          <div className="certificate__sign">
            <p className="certificate__note">{t("contrib.certificate.asOf")}</p>
            <p className="certificate__note">{t("contrib.certificate.verifyHint")}</p>
            <p className="certificate__issuer">{t("contrib.certificate.issuer")}</p>
          </div>
          <CertificateQr qr={qr} />
        </div>
      </article>
      <p className="no-print">
        {hydrated ? (
          <button type="button" className="button" onClick={() => window.print()}>
            {t("contrib.certificate.print")}
          </button>
        ) : null}{" "}
        <span className="muted">{t("contrib.certificate.printHint")}</span>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
