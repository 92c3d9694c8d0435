// Issue 13: the owner's printable certificate and the public verification page both carry
// a QR code that opens the public page: the absolute address under PUBLIC_URL.
import { beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "~/domain/aid/certificates.server";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser, TEST_PASSWORD } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { decodeQr } from "#tests/qr-decode";
import { getDb } from "~/utils/db.server";
import type { QrSvg } from "~/utils/qr-code.server";
import { shanghaiDate } from "~/utils/time";
import * as certificatePage from "./account.aid_.certificate.$code";
import * as verifyPage from "./certificates.$code";
import * as login from "./login";

const YEAR = Number(shanghaiDate(new Date()).slice(0, 4));
let code = "";
const owner = new Browser();

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800 });
  const userId = await createUser(db, { email: "qr@example.com", name: "李青" });
  await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId });
  ({ code } = await issueCertificate(db, { user: { id: userId }, year: YEAR }));
  const signedIn = await call(
    login.action,
    owner.post("/login", { login: "qr@example.com", password: TEST_PASSWORD }),
    {},
    owner,
  );
  expect(signedIn.status).toBe(302);
});

async function qrOf(response: Response): Promise<QrSvg> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { qr: QrSvg }).qr;
}

describe("the certificate's QR code", () => {
  it("on the owner's printable certificate opens the public verification page", async () => {
    const path = `/account/aid/certificate/${code}`;
    const qr = await qrOf(await call(certificatePage.loader, owner.get(path), { code }, owner));
    expect(qr.text).toBe(`http://shop.test/certificates/${code}`);
    expect(decodeQr(qr)).toBe(`http://shop.test/certificates/${code}`);
  });

  it("on the public page carries the same address, with the code as issued however it was typed", async () => {
    const typed = ` ${code.toLowerCase()} `;
    const response = await call(verifyPage.loader, new Browser().get(`/certificates/${code}`), {
      code: typed,
    });
    const qr = await qrOf(response);
    expect(decodeQr(qr)).toBe(`http://shop.test/certificates/${code}`);
  });

  it("is never drawn for a code that is not one: both pages answer 404", async () => {
    for (const bad of ["SH-CERT-2026-ABCDE-FGHJ0", "<svg onload=alert(1)>", ""]) {
      const publicPage = await call(verifyPage.loader, new Browser().get("/certificates/x"), {
        code: bad,
      });
      expect(publicPage.status).toBe(404);
      const printable = await call(
        certificatePage.loader,
        owner.get("/account/aid/certificate/x"),
        { code: bad },
        owner,
      );
      expect(printable.status).toBe(404);
    }
  });
});
