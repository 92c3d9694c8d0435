// Issue 13: the printed certificate carries a QR code that opens the public verification
// page. In a real browser: the code on both pages decodes to that page's absolute address,
// the policy refuses nothing, and the certificate prints on one A4 page with a 28 mm code.
import fs from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { decodeQr } from "#tests/qr-decode";
import {
  placeAndPayWithDemo,
  postToCart,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
  fillCheckout,
} from "./helpers";
import { ROOT } from "./server";

const SHOTS = path.join(ROOT, "tmp", "certificate-qr");
const MM = 96 / 25.4; // CSS pixels per millimetre

/** Reads the QR drawn on the page back to its text, as a phone would. */
async function qrOnPage(page: Page): Promise<string | null> {
  const svg = page.getByTestId("certificate-qr").locator("svg");
  const box = (await svg.getAttribute("viewBox"))!.split(" ");
  const pathData = (await svg.locator("path").getAttribute("d"))!;
  return decodeQr({ path: pathData, size: Number(box[2]) });
}

/** Content-Security-Policy refusals Chromium reports for the page (DevTools issues). */
async function watchPolicy(page: Page, cdp: CDPSession): Promise<string[]> {
  const refused: string[] = [];
  cdp.on("Audits.issueAdded", ({ issue }) => {
    if (issue.code === "ContentSecurityPolicyIssue") {
      const d = issue.details.contentSecurityPolicyIssueDetails;
      refused.push(`${page.url()}: ${d?.violatedDirective}`);
    }
  });
  await cdp.send("Audits.enable");
  return refused;
}

/** The number of pages Chromium's "Save as PDF" makes of the page, on A4. */
async function printedPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

describe("the certificate's QR code", () => {
  const store = storeWithPeople(["shopper", "visitor"] as const);
  const { pages, url } = store;
  let certificatePath = "";
  let code = "";

  it("the shopper buys, takes a certificate, and its page carries the QR code to the public page", async () => {
    const page = pages.shopper;
    const refused = await watchPolicy(page, await page.context().newCDPSession(page));
    await signIn(page, store.server.baseUrl, {
      login: "13800000000",
      password: "shanhai-shop-2026",
    });
    await page.goto(url("/products/yak-shank"));
    await waitForHydration(page, true);
    await postToCart(page, page.getByRole("button", { name: "加入购物车", exact: true }));
    await page.goto(url("/checkout"));
    await fillCheckout(page);
    await placeAndPayWithDemo(page);
    await page.goto(url("/account/aid"));
    await waitForHydration(page, true);
    await submitAndWait(
      page,
      page.getByRole("button", { name: "开具证明" }),
      /\/account\/aid\/certificate\//,
    );
    certificatePath = new URL(page.url()).pathname;
    code = certificatePath.split("/").pop()!;
    const verifyUrl = `${store.server.baseUrl}/certificates/${code}`;

    const qr = page.getByTestId("certificate-qr");
    await expect(qr.innerText()).resolves.toContain("扫码核验");
    await expect(qr.getByTestId("verify-url").getAttribute("href")).resolves.toBe(verifyUrl);
    await expect(qr.getByTestId("verify-url").innerText()).resolves.toBe(verifyUrl);
    await expect(qrOnPage(page)).resolves.toBe(verifyUrl);
    // drawn without inline styles, so the policy has nothing to weigh
    await expect(qr.locator("[style]").count()).resolves.toBe(0);
    expect(refused).toEqual([]);
  });

  it("prints on one A4 page with a 28 mm code, dark on white", async () => {
    const page = pages.shopper;
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `owner-zh-${width}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    const svg = page.getByTestId("certificate-qr").locator("svg");
    const box = (await svg.boundingBox())!;
    expect(box.width / MM).toBeCloseTo(28, 0);
    expect(box.height / MM).toBeCloseTo(28, 0);
    await expect(page.getByTestId("verify-url").isVisible()).resolves.toBe(true);
    await expect(
      page.getByTestId("verify-url").evaluate((a) => getComputedStyle(a).color),
    ).resolves.toBe("rgb(0, 0, 0)");
    await page.screenshot({ path: path.join(SHOTS, "owner-zh-print.png"), fullPage: true });
    expect(await printedPages(page)).toBe(1);
    await page.emulateMedia({ media: "screen" });
  });

  it("in English too: the caption, and still one printed page", async () => {
    const page = pages.shopper;
    await page.goto(url("/"));
    await waitForHydration(page, true);
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/language",
      ),
      page.locator(".site-header .lang-switch button").click(),
    ]);
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.goto(url(certificatePath));
    await waitForHydration(page, true);
    await expect(page.getByTestId("certificate-qr").innerText()).resolves.toContain(
      "Scan to verify",
    );
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `owner-en-${width}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(SHOTS, "owner-en-print.png"), fullPage: true });
    expect(await printedPages(page)).toBe(1);
    await page.emulateMedia({ media: "screen" });
  });

  it("anyone who follows the code reaches the public page, which shows the same code; a bad code is 404", async () => {
    const page = pages.visitor;
    const refused = await watchPolicy(page, await page.context().newCDPSession(page));
    const verifyUrl = `${store.server.baseUrl}/certificates/${code}`;
    // typed by hand from paper, in lower case
    await page.goto(url(`/certificates/${code.toLowerCase()}`));
    await waitForHydration(page, true);
    await expect(page.getByTestId("verify-result").getAttribute("data-check")).resolves.toBe(
      "matches",
    );
    await expect(qrOnPage(page)).resolves.toBe(verifyUrl);
    await expect(page.getByTestId("verify-url").innerText()).resolves.toBe(verifyUrl);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `public-zh-${width}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: "print" });
    const box = (await page.getByTestId("certificate-qr").locator("svg").boundingBox())!;
    expect(box.width / MM).toBeCloseTo(28, 0);
    await page.screenshot({ path: path.join(SHOTS, "public-zh-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    expect(refused).toEqual([]);

    const bad = await page.goto(url("/certificates/SH-CERT-2026-ABCDE-FGHJ0"));
    expect(bad?.status()).toBe(404);
    await expect(page.getByTestId("certificate-qr").count()).resolves.toBe(0);
  });
});
