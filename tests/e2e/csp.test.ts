// The Content-Security-Policy holds on real pages: nothing the store ships is refused by it.
// Chromium reports some refusals (an eval a library catches) only as DevTools issues, not
// console errors, so this listens to those.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import { waitForHydration } from "./helpers";
import { startServer, type StoreServer } from "./server";

let server: StoreServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("content security policy", () => {
  it("refuses nothing on the storefront's pages", async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const refused: string[] = [];
    cdp.on("Audits.issueAdded", ({ issue }) => {
      if (issue.code === "ContentSecurityPolicyIssue") {
        const d = issue.details.contentSecurityPolicyIssueDetails;
        refused.push(
          `${page.url()}: ${d?.violatedDirective} ${d?.contentSecurityPolicyViolationType}`,
        );
      }
    });
    await cdp.send("Audits.enable");
    for (const path of ["/", "/products", "/products/yak-shank", "/cart", "/login"]) {
      await page.goto(`${server.baseUrl}${path}`);
      await waitForHydration(page, true);
    }
    // a page's own form, submitted with JavaScript (fetch + navigation under the policy)
    await page.goto(`${server.baseUrl}/products`);
    await waitForHydration(page, true);
    await page.locator('select[name="county"]').selectOption("datong");
    await page.waitForURL(/county=datong/);
    await page.waitForTimeout(300);
    expect(refused).toEqual([]);
  });
});
