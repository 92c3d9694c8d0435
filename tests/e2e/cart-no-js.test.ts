// The cart without JavaScript: every change is a plain form post answered with a redirect
// (post/redirect/get), so reloading the cart never posts again, and a refusal (stock gone
// meanwhile) is still shown after the redirect, once. With JavaScript the same forms keep
// working in place.
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import {
  cartCount,
  expectVisible,
  productRow,
  T,
  waitForHydration,
  watchErrors,
  writeDb,
} from "./helpers";
import { startServer, type StoreServer } from "./server";

const SLUG = "yak-shank";

describe.each([{ js: false }, { js: true }])("changing the cart (JavaScript: $js)", ({ js }) => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];
  const posts: Request[] = [];
  const url = (p: string) => `${server.baseUrl}${p}`;
  const line = () => page.getByTestId("cart-line").first();
  const quantity = () => line().getByRole("spinbutton");

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: js });
    page = await browser.context.newPage();
    errors = watchErrors(page);
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Clicks a cart button and waits for the POST /cart's answer and the page after it. */
  async function submit(button: ReturnType<Page["getByRole"]>) {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/cart",
      ),
      button.click(),
    ]);
    await page.waitForLoadState("load");
    if (js) await page.waitForLoadState("networkidle");
    return response;
  }

  /** Reloads the page; returns the POSTs sent meanwhile (there must be none). */
  async function reload() {
    const before = posts.length;
    const res = await page.reload();
    expect(res?.status()).toBe(200);
    return posts.slice(before).map((r) => r.url());
  }

  it("adds from the product page and lands on the cart", async () => {
    await page.goto(url(`/products/${SLUG}`));
    await waitForHydration(page, js, errors);
    await page.locator("form.add-to-cart").getByRole("button", { name: T.add }).click();
    if (js) {
      await expectVisible(page.getByRole("button", { name: "已加入 ✓" }));
      await page.goto(url("/cart"));
    } else {
      await page.waitForURL((u) => u.pathname === "/cart");
    }
    expect(await page.getByTestId("cart-line").count()).toBe(1);
    expect(await reload()).toEqual([]);
  });

  it("changes a quantity; a reload shows the cart and posts nothing", async () => {
    await waitForHydration(page, js, errors);
    await quantity().fill("3");
    const response = await submit(line().getByRole("button", { name: "更新" }));
    // without JavaScript the browser sees the redirect itself; with it, Remix's data request
    // answers 204 with the redirect in a header
    expect(response.status()).toBe(js ? 204 : 302);
    expect(new URL(page.url()).pathname).toBe("/cart");
    await expect.poll(async () => (await cartCount(page).innerText()).trim()).toBe("3");
    expect(await quantity().inputValue()).toBe("3");
    expect(await reload()).toEqual([]);
    expect(await quantity().inputValue()).toBe("3");
  });

  it("says so when stock ran out meanwhile, keeps what was typed, and says it once", async () => {
    await waitForHydration(page, js, errors);
    // someone else bought most of it while this page was open
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = 4 where slug = ?").run(SLUG),
    );
    expect(productRow(server.dbFile, SLUG).stock).toBe(4);
    await quantity().fill("6");
    const response = await submit(line().getByRole("button", { name: "更新" }));
    expect(response.status()).toBe(js ? 204 : 302);
    const error = line().getByRole("alert").filter({ hasText: "库存仅剩 4 件" });
    await expectVisible(error);
    expect(await quantity().inputValue()).toBe("6");
    expect(await quantity().getAttribute("aria-invalid")).toBe("true");
    expect(await reload()).toEqual([]);
    expect(await line().getByText("库存仅剩 4 件。").count()).toBe(0);
    expect(await quantity().inputValue()).toBe("3");
  });

  it("removes a line; a reload keeps the cart empty and posts nothing", async () => {
    await waitForHydration(page, js, errors);
    const response = await submit(page.getByRole("button", { name: /从购物车删除/ }));
    expect(response.status()).toBe(js ? 204 : 302);
    await expectVisible(page.getByText("购物车是空的。"));
    expect(await reload()).toEqual([]);
    await expectVisible(page.getByText("购物车是空的。"));
  });

  // With JavaScript the fetcher answers on the product page itself (the purchase tests).
  it.skipIf(js)("says why an item that sold out meanwhile was not added", async () => {
    await page.goto(url(`/products/${SLUG}`));
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = 0 where slug = ?").run(SLUG),
    );
    await page.locator("form.add-to-cart").getByRole("button", { name: T.add }).click();
    await page.waitForURL((u) => u.pathname === "/cart");
    await expectVisible(page.getByRole("alert").filter({ hasText: "这件商品已售罄" }));
    expect(await reload()).toEqual([]);
    expect(await page.getByText("这件商品已售罄").count()).toBe(0);
  });
});
