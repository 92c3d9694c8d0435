import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, JUNE, MAY, NOV, refundAid } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { DomainError, NotFoundError } from "../errors";
import { createInstitutionWith } from "#tests/factories/institutions";
import { maskName } from "./buyer-profile.server";
import {
  certifiableYears,
  issueCertificate,
  listCertificates,
  newCertificateCode,
  normalizeCertificateCode,
  ownCertificate,
  verifyCertificate,
} from "./certificates.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
let milk: number;
beforeEach(async () => {
  ({ db, cleanup, yak, milk } = await aidCatalog());
});
afterEach(() => cleanup());

describe("contribution certificates", () => {
  it("issues a numbered certificate with a masked name, and the same one while nothing moved", async () => {
    const userId = await createUser(db, { name: "王小明" });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId, now: MAY });
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(cert.code).toMatch(/^SH-CERT-2026-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(cert).toMatchObject({
      displayName: "王**",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      amountFen: 12800,
      reused: false,
    });
    const again = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(again).toMatchObject({ code: cert.code, reused: true });

    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { userId, now: NOV });
    const moved = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(moved.code).not.toBe(cert.code);
    expect(moved.amountFen).toBe(12800 + 1580);
    expect(await db.selectFrom("contribution_certificates").select("code").execute()).toHaveLength(
      2,
    );
  });

  it("issues an institution's certificate in its name, to all its members, and refuses years with nothing to certify", async () => {
    const { adminId: userId, purchaserIds } = await createInstitutionWith(db, {
      name: "南京市总工会",
      type: "union",
      fundingSource: "union_funds",
      purchaserPhones: ["13900000001"],
    });
    const outsider = await createUser(db, { name: "外人" });
    // one order each from two purchasers, for the institution; one for the admin themselves
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId,
      now: MAY,
      input: { buyAs: "institution" },
    });
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], {
      userId: purchaserIds[0]!,
      now: MAY,
      input: { buyAs: "institution" },
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { userId, now: MAY });
    const cert = await issueCertificate(
      db,
      { user: { id: userId }, year: 2026, forInstitution: true },
      NOV,
    );
    expect(cert).toMatchObject({
      displayName: "南京市总工会",
      institution: true,
      amountFen: 12800 + 1580,
    });
    // the person's own certificate is theirs alone, masked
    const own = await issueCertificate(db, { user: { id: userId }, year: 2026 }, NOV);
    expect(own).toMatchObject({ displayName: "李**", institution: false, amountFen: 25600 });
    // the other purchaser sees the institution's certificate, not the admin's own
    expect((await listCertificates(db, { id: purchaserIds[0]! })).map((c) => c.code)).toEqual([
      cert.code,
    ]);
    expect(await ownCertificate(db, { id: purchaserIds[0]! }, cert.code)).toMatchObject({
      holderName: "南京市总工会",
    });
    await expect(ownCertificate(db, { id: purchaserIds[0]! }, own.code)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(ownCertificate(db, { id: outsider }, cert.code)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await verifyCertificate(db, cert.code)).toMatchObject({
      check: "matches",
      institution: true,
    });
    await expect(
      issueCertificate(db, { user: { id: outsider }, year: 2026, forInstitution: true }, NOV),
    ).rejects.toMatchObject({ code: "institutions.errors.notMember", status: 403 });
    await expect(
      issueCertificate(db, { user: { id: userId }, year: 2025 }, NOV),
    ).rejects.toMatchObject({ code: "contrib.errors.nothing", status: 409 });
    for (const year of [2027, 2015, 2026.5]) {
      await expect(
        issueCertificate(db, { user: { id: userId }, year }, NOV),
      ).rejects.toBeInstanceOf(DomainError);
    }
  });
});

describe("verifying a certificate", () => {
  it("verifies against the ledger without personal data: matches, lower after a refund, higher after buying more", async () => {
    const userId = await createUser(db, {
      name: "王小明",
      email: "wang@example.com",
      phone: "13812345678",
      phoneVerified: true,
    });
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId,
      now: MAY,
    });
    const cert = await issueCertificate(db, { user: { id: userId }, year: 2026 }, JUNE);
    const ok = await verifyCertificate(db, cert.code.toLowerCase());
    expect(ok).toMatchObject({
      code: cert.code,
      displayName: "王**",
      year: 2026,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      issuedFen: 25600,
      currentFen: 25600,
      matches: true,
      check: "matches",
    });
    const text = JSON.stringify(ok);
    for (const secret of [
      "13812345678",
      "wang@example.com",
      order.number,
      "王小明",
      "user:",
      "phone:",
    ]) {
      expect(text).not.toContain(secret);
    }

    await refundAid(db, order.id, 12800, NOV);
    expect(await verifyCertificate(db, cert.code)).toMatchObject({
      issuedFen: 25600,
      currentFen: 12800,
      matches: false,
      check: "lower",
    });
    // a guest purchase with the verified phone counts for the person too
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { now: NOV });
    expect(await verifyCertificate(db, cert.code)).toMatchObject({
      currentFen: 38400,
      check: "higher",
    });

    await expect(verifyCertificate(db, "SH-CERT-2026-AAAAA-BBBBB")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(verifyCertificate(db, "' or 1=1 --")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("certificate codes, names and years", () => {
  it("makes codes from an unambiguous alphabet and reads them back forgivingly", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCertificateCode(2026)));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code.slice("SH-CERT-2026-".length)).not.toMatch(/[01IO]/);
    expect(normalizeCertificateCode(" sh-cert-2026-abcde-fghjk ")).toBe("SH-CERT-2026-ABCDE-FGHJK");
    expect(normalizeCertificateCode("SH-CERT-2026-ABCDE-FGHJ0")).toBeNull();
  });

  it("masks names to the first character", () => {
    expect(maskName("王小明")).toBe("王**");
    expect(maskName("欧阳娜娜")).toBe("欧**");
    expect(maskName(" Alice ")).toBe("A**");
    expect(maskName("")).toBe("**");
  });

  it("offers a certificate only for years with a positive eligible total", () => {
    expect(
      certifiableYears([
        { year: 2026, fen: 1580 },
        { year: 2025, fen: 0 },
        { year: 2024, fen: -100 },
        { year: 2023, fen: 12800 },
      ]),
    ).toEqual([2026, 2023]);
    expect(certifiableYears([])).toEqual([]);
  });
});
