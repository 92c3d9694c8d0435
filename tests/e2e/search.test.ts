// Search that forgives (issue 12), in a real browser on a phone: pinyin typed into the
// header's search finds 牦牛 goods, and an empty search offers close words as links that
// work, in Chinese and English, with and without JavaScript.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import { expectVisible, waitForHydration, watchErrors } from "./helpers";
import { startServer, type StoreServer } from "./server";

const PHONE = { width: 390, height: 844 };
/** Set to a folder to keep screenshots of the empty result page (both languages). */
const SHOTS = process.env.SEARCH_SCREENSHOTS;

describe.each([{ js: false }, { js: true }])("search (JavaScript: $js)", ({ js }) => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];
  const url = (p: string) => `${server.baseUrl}${p}`;
  const cardNames = () => page.getByTestId("product-card").locator(".card__name").allInnerTexts();

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: js, viewport: PHONE });
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("finds 牦牛 goods for maoniu typed into the header's search", async () => {
    await page.goto(url("/"));
    await waitForHydration(page, js, errors);
    await page.locator("#site-search").fill("maoniu");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(
      (u) => u.pathname === "/products" && u.searchParams.get("q") === "maoniu",
    );
    // with JavaScript the home page's cards stay until the results arrive
    await expectVisible(page.getByRole("heading", { level: 1, name: /maoniu/ }));
    const names = await cardNames();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.every((n) => n.includes("牦牛"))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("offers 草莓 when 草梅 finds nothing, and the link finds strawberries", async () => {
    await page.goto(url(`/products?q=${encodeURIComponent("草梅")}`));
    await waitForHydration(page, js, errors);
    const offers = page.getByRole("navigation", { name: "搜索建议" });
    await expectVisible(offers);
    expect(await offers.innerText()).toContain("您是不是要找：");
    if (SHOTS && js)
      await page.screenshot({ path: `${SHOTS}/search-empty-zh.png`, fullPage: true });
    await offers.getByRole("link", { name: "草莓" }).click();
    await page.waitForURL((u) => u.searchParams.get("q") === "草莓");
    await expectVisible(page.getByTestId("product-card"));
    expect(await cardNames()).toContain("高原草莓");
    expect(await page.getByRole("navigation", { name: "搜索建议" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("offers them in English too", async () => {
    // to English the way a person does it: the header's language button
    await page.goto(url("/"));
    await waitForHydration(page, js, errors);
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/language",
      ),
      page.locator(".site-header .lang-switch button").click(),
    ]);
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.goto(url("/products?q=caomie"));
    await waitForHydration(page, js, errors);
    const offers = page.getByRole("navigation", { name: "Search suggestions" });
    await expectVisible(offers);
    expect(await offers.innerText()).toContain("Did you mean:");
    if (SHOTS && js)
      await page.screenshot({ path: `${SHOTS}/search-empty-en.png`, fullPage: true });
    await offers.getByRole("link", { name: "草莓" }).click();
    await page.waitForURL((u) => u.searchParams.get("q") === "草莓");
    await expectVisible(page.getByTestId("product-card"));
    expect(errors).toEqual([]);
  });
});
