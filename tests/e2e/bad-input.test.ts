import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openBrowser } from "./browser";
import { startServer, type StoreServer } from "./server";
import {
  ORDER_NUMBER,
  T,
  addWithFetcher,
  cartCount,
  expectVisible,
  fillCheckout,
  productRow,
  readDb,
  submitAndWait,
  waitForHydration,
  watchErrors,
  writeDb,
} from "./helpers";

const countOrders = (dbFile: string) =>
  (readDb(dbFile, (db) => db.prepare("select count(*) as n from orders").get()) as { n: number }).n;

describe("bad input and bad luck (JavaScript on)", () => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];
  const url = (p: string) => `${server.baseUrl}${p}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: true });
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Puts one unit of a product in this browser's cart from its product page. */
  async function addFromProductPage(slug: string) {
    await page.goto(url(`/products/${slug}`));
    await waitForHydration(page, true, errors);
    const before = Number((await cartCount(page).innerText()).trim());
    await addWithFetcher(
      page,
      page.locator("form.add-to-cart").getByRole("button", { name: T.add }),
      before + 1,
    );
  }

  it("an unknown product URL shows the 404 page with status 404", async () => {
    const res = await page.goto(url("/products/no-such-product-anywhere"));
    expect(res?.status()).toBe(404);
    await expectVisible(page.getByRole("heading", { level: 1, name: T.notFoundTitle }));
    await expectVisible(page.getByText("404", { exact: true }));
    await expectVisible(page.getByRole("link", { name: "返回商城" }));
  });

  it("nonsense catalogue parameters are ignored, not an error page", async () => {
    const res = await page.goto(url("/products?page=abc&sort=zzz&county=%00"));
    expect(res?.status()).toBe(200);
    await expectVisible(page.getByRole("heading", { level: 1, name: "全部商品" }));
    expect(await page.getByTestId("product-card").count()).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: T.notFoundTitle }).count()).toBe(0);
  });

  it("a product sold out between cart and checkout: clear error, cart kept, no order", async () => {
    const slug = "dried-morels";
    const product = productRow(server.dbFile, slug);
    expect(product.stock).toBeGreaterThan(0);
    await addFromProductPage(slug);

    await page.goto(url("/checkout"));
    await expectVisible(page.getByRole("heading", { level: 1, name: "结算" }));
    await waitForHydration(page, true, errors);
    await fillCheckout(page, { name: "李华" });

    // Someone else buys the last one while this shopper types.
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = 0 where slug = ?").run(slug),
    );

    await page.getByRole("button", { name: T.place }).click();
    const alert = page.getByRole("alert").filter({ hasText: T.soldOutAtCheckout });
    await expectVisible(alert, 15_000);
    expect(await alert.first().innerText()).toContain(product.name_zh);
    // Focus moves to it from the button at the bottom.
    expect(await alert.first().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/checkout");
    // What was typed is still there.
    expect(await page.getByLabel(T.contactName).inputValue()).toBe("李华");

    expect(countOrders(server.dbFile)).toBe(0);
    expect(productRow(server.dbFile, slug).stock).toBe(0);

    await page.goto(url("/cart"));
    const lines = page.getByTestId("cart-line");
    expect(await lines.count()).toBe(1);
    expect(await lines.first().innerText()).toContain(product.name_zh);

    // Put the world back for the next case.
    writeDb(server.dbFile, (db) =>
      db.prepare("update products set stock = ? where slug = ?").run(product.stock, slug),
    );
  });

  it("the guest order lookup with a wrong phone says not found and keeps the typed number", async () => {
    // A real order to look for.
    await page.goto(url("/cart"));
    if ((await page.getByTestId("cart-line").count()) === 0)
      await addFromProductPage("dried-morels");
    await page.goto(url("/checkout"));
    await waitForHydration(page, true, errors);
    await fillCheckout(page, { name: "李华", phone: "13812345678" });
    await submitAndWait(page, page.getByRole("button", { name: T.place }), (u) =>
      u.pathname.startsWith("/pay/demo/"),
    );
    const number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    expect(number).toMatch(ORDER_NUMBER);

    // A guest in another browser session: no cookies.
    await browser.context.clearCookies();
    await page.goto(url("/orders/lookup"));
    await expectVisible(page.getByRole("heading", { level: 1, name: "查询订单" }));
    await waitForHydration(page, true, errors);
    await page.getByLabel(T.lookupNumber).fill(number);
    await page.getByLabel(T.phone).fill("13900000000");
    await page.getByRole("main").getByRole("button", { name: T.lookupSubmit }).click();
    await expectVisible(page.getByRole("alert").filter({ hasText: T.lookupNotFound }), 15_000);
    expect(new URL(page.url()).pathname).toBe("/orders/lookup");
    expect(await page.getByLabel(T.phone).inputValue()).toBe("13900000000");
    expect(await page.getByLabel(T.lookupNumber).inputValue()).toBe(number);

    // And with the right phone the same form opens the order.
    await page.getByLabel(T.phone).fill("13812345678");
    await submitAndWait(
      page,
      page.getByRole("main").getByRole("button", { name: T.lookupSubmit }),
      (u) => u.pathname === `/orders/${number}`,
    );
    await expectVisible(page.getByTestId("order-number"));
    expect((await page.getByTestId("order-number").innerText()).trim()).toBe(number);
  });
});
