// The QR code that opens a certificate's public verification page, with its address in
// text below for anyone without a camera. Drawn from path data the loader made on the
// server (app/utils/qr-code.server.ts, ADR 045): no QR library in the browser, no markup
// from a string, no inline style, so the page's CSP and React's escaping hold.
import { useTranslation } from "react-i18next";
import type { QrSvg } from "~/utils/qr-code.server";

export function CertificateQr({ qr, linked = true }: { qr: QrSvg; linked?: boolean }) {
  const { t } = useTranslation();
  const box = `0 0 ${qr.size} ${qr.size}`;
  return (
    <figure className="certificate-qr" data-testid="certificate-qr">
      <svg
        className="certificate-qr__code"
        viewBox={box}
        shapeRendering="crispEdges"
        role="img"
        aria-label={t("contrib.qr.alt", { url: qr.text })}
        data-version={qr.version}
      >
        {/* white under the modules and the quiet zone, whatever the page behind */}
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.path} stroke="#000" strokeWidth={1} fill="none" />
      </svg>
      <figcaption className="certificate-qr__caption">
        <span className="certificate-qr__label">{t("contrib.qr.caption")}</span>
        {linked ? (
          <a className="certificate-qr__url" href={qr.text} data-testid="verify-url">
            {qr.text}
          </a>
        ) : (
          <span className="certificate-qr__url" data-testid="verify-url">
            {qr.text}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
