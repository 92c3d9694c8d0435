import { describe, expect, it } from "vitest";
import { decodeQr } from "#tests/qr-decode";
import { NotFoundError } from "../errors";
import { certificateQr, verificationUrl } from "./certificate-qr.server";

const CODE = "SH-CERT-2026-ABCDE-FGHJK";

describe("the certificate's verification address and QR code", () => {
  it("is the public page under the given origin, for the code as issued", () => {
    expect(verificationUrl(CODE, "https://shop.example")).toBe(
      `https://shop.example/certificates/${CODE}`,
    );
    expect(verificationUrl(" sh-cert-2026-abcde-fghjk ", "https://shop.example")).toBe(
      `https://shop.example/certificates/${CODE}`,
    );
  });

  it("refuses anything that is not a code, as not found", async () => {
    for (const bad of ["SH-CERT-2026-ABCDE-FGHJ0", `${CODE}"/><script>`, "../admin"]) {
      expect(() => verificationUrl(bad, "https://shop.example")).toThrow(NotFoundError);
      await expect(certificateQr(bad, "https://shop.example")).rejects.toThrow(NotFoundError);
    }
  });

  it("draws a QR code that opens that address", async () => {
    const qr = await certificateQr(CODE.toLowerCase(), "https://shop.example");
    expect(decodeQr(qr)).toBe(`https://shop.example/certificates/${CODE}`);
  });
});
