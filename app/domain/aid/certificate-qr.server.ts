// The QR code printed on a certificate: it opens the public verification page (issue 13).
import { NotFoundError } from "~/domain/errors";
import { publicOrigin } from "~/utils/env.server";
import { qrSvg, type QrSvg } from "~/utils/qr-code.server";
import { normalizeCertificateCode } from "./certificates.server";

/**
 * The absolute address of a certificate's public verification page. Only a well-formed
 * code gets one, so nothing a visitor typed can reach the address or the QR drawn from it.
 */
export function verificationUrl(rawCode: string, origin = publicOrigin()): string {
  const code = normalizeCertificateCode(rawCode);
  if (!code) throw new NotFoundError("certificate");
  return `${origin}/certificates/${code}`;
}

/** The verification address and its QR code, for the printed and the public page. */
export async function certificateQr(rawCode: string, origin = publicOrigin()): Promise<QrSvg> {
  return qrSvg(verificationUrl(rawCode, origin));
}
