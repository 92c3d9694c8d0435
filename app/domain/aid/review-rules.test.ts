import { describe, expect, it } from "vitest";
import {
  approvalNeedsCertificate,
  approvalWillBeRefused,
  FAR_ABOVE_REFERENCE_PERCENT,
  isFarAboveReference,
} from "./review-rules";

describe("isFarAboveReference", () => {
  it("asks for a check only strictly above 30 % over the reference", () => {
    expect(FAR_ABOVE_REFERENCE_PERCENT).toBe(30);
    expect(isFarAboveReference(30.1)).toBe(true);
    expect(isFarAboveReference(30)).toBe(false);
    expect(isFarAboveReference(12.5)).toBe(false);
    expect(isFarAboveReference(-5)).toBe(false);
  });

  it("says nothing without a reference price", () => {
    expect(isFarAboveReference(null)).toBe(false);
  });
});

describe("approval and the aid certification", () => {
  it("rests on the certificate for new and changed products, not for a price raise", () => {
    expect(approvalNeedsCertificate("new")).toBe(true);
    expect(approvalNeedsCertificate("changed")).toBe(true);
    expect(approvalNeedsCertificate("price_raise")).toBe(false);
  });

  it("warns before approval only when the certificate it needs is missing", () => {
    const cert = { number: "QH-1", expiresOn: "2030-01-01" };
    expect(approvalWillBeRefused({ reason: "new", aidCertification: null })).toBe(true);
    expect(approvalWillBeRefused({ reason: "changed", aidCertification: cert })).toBe(false);
    expect(approvalWillBeRefused({ reason: "price_raise", aidCertification: null })).toBe(false);
  });
});
