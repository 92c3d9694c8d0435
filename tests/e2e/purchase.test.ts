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
} from "./helpers";

const COUNTIES = ["大通回族土族自治县", "湟源县", "湟中区"];
const YAK_SHANK = { slug: "yak-shank", name: "大通牦牛腱子" };
const YAK_JERKY = "风干牦牛肉干";
const MONEY = /¥\s?[\d,]+\.\d{2}/;

/**
 * One shopper's whole purchase, with and without JavaScript. The steps share one browser
 * and one store (they are one journey), but each step opens its own starting URL, so a
 * failure in one step is reported there and does not hide what the later steps find.
 */
describe.each([{ js: true }, { js: false }])("a real purchase (JavaScript: $js)", ({ js }) => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];
  const url = (p: string) => `${server.baseUrl}${p}`;
  const journey = {
    shankStockBefore: 0,
    other: { name: "", slug: "", stockBefore: 0 },
    number: "",
    orderAid: "",
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: js });
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("home shows the title, the three counties and a zero aid total", async () => {
    const res = await page.goto(url("/"));
    expect(res?.status()).toBe(200);
    await expectVisible(page.getByRole("heading", { level: 1, name: T.homeTitle }));
    const countyList = page.locator("ul.county-list");
    for (const county of COUNTIES) {
      await expectVisible(countyList.getByRole("link", { name: new RegExp(county) }));
    }
    expect(await countyList.getByRole("link").count()).toBe(3);
    expect((await page.getByTestId("aid-total").innerText()).trim()).toBe("¥0.00");
  });

  it("the header search for 牦牛 lists the yak goods", async () => {
    await page.goto(url("/"));
    await waitForHydration(page, js, errors);
    const search = page.getByRole("search");
    await search.getByLabel(T.searchLabel).fill("牦牛");
    errors.length = 0;
    try {
      await submitAndWait(page, search.getByRole("button", { name: T.searchSubmit }), (u) => {
        return u.pathname === "/products" && u.searchParams.get("q") === "牦牛";
      });
    } catch (error) {
      throw new Error(
        `the header search did not arrive at /products?q=牦牛 (the page is at ${page.url()})` +
          (errors.length ? `; browser errors:\n${errors.join("\n")}` : ""),
        { cause: error },
      );
    }
    await expectVisible(page.getByRole("heading", { level: 1, name: "“牦牛”的搜索结果" }));
    // The results page must come alive too (its add-to-cart buttons rely on it).
    await waitForHydration(page, js, errors);
    const cards = page.getByTestId("product-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    const names = await cards.getByRole("heading").allInnerTexts();
    expect(names).toContain(YAK_SHANK.name);
    expect(names).toContain(YAK_JERKY);
  });

  it("the catalogue filters by county (on change with JS, with the button without)", async () => {
    await page.goto(url("/products"));
    await waitForHydration(page, js, errors);
    await page.getByLabel("产地").selectOption("huangyuan");
    if (!js) await page.getByRole("button", { name: "筛选" }).click();
    await page.waitForURL((u) => u.searchParams.get("county") === "huangyuan", { timeout: 15_000 });
    const cards = page.getByTestId("product-card");
    await expectVisible(cards.first());
    const chips = await cards.locator(".origin-chip").allInnerTexts();
    expect(chips.length).toBeGreaterThan(2);
    expect(chips.every((c) => c.includes("湟源县"))).toBe(true);
  });

  it("adds a Datong product from its page", async () => {
    journey.shankStockBefore = productRow(server.dbFile, YAK_SHANK.slug).stock;
    await page.goto(url(`/products/${YAK_SHANK.slug}`));
    await expectVisible(page.getByRole("heading", { level: 1, name: YAK_SHANK.name }));
    await expectVisible(
      page.getByRole("navigation", { name: "当前位置" }).getByRole("link", { name: /大通/ }),
    );
    expect((await cartCount(page).innerText()).trim()).toBe("0");
    await waitForHydration(page, js, errors);
    const addButton = page.locator("form.add-to-cart").getByRole("button", { name: T.add });
    if (js) {
      await page.evaluate(
        () => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true),
      );
      await addWithFetcher(page, addButton, 1);
      // No navigation: same URL, same document.
      expect(new URL(page.url()).pathname).toBe(`/products/${YAK_SHANK.slug}`);
      expect(
        await page.evaluate(
          () => (window as unknown as { __sameDocument?: boolean }).__sameDocument,
        ),
      ).toBe(true);
      await expectVisible(
        page.locator("form.add-to-cart").getByRole("button", { name: "已加入 ✓" }),
      );
    } else {
      await submitAndWait(page, addButton, (u) => u.pathname === "/cart");
      expect((await cartCount(page).innerText()).trim()).toBe("1");
      expect(await page.getByTestId("cart-line").count()).toBe(1);
    }
  });

  it("adds an in-stock product from another county (湟中)", async () => {
    await page.goto(url("/counties/huangzhong"));
    await expectVisible(page.getByRole("heading", { level: 1, name: "湟中区" }));
    await waitForHydration(page, js, errors);
    const buyable = page
      .getByTestId("product-card")
      .filter({ has: page.getByRole("button", { name: /加入购物车/ }) })
      .first();
    const name = (await buyable.getByRole("heading").innerText()).trim();
    const href = await buyable.getByRole("link", { name }).getAttribute("href");
    const slug = href?.replace(/^\/products\//, "") ?? "";
    expect(slug).toMatch(/^[a-z0-9-]+$/);
    const stockBefore = productRow(server.dbFile, slug).stock;
    expect(stockBefore).toBeGreaterThan(0);
    journey.other = { name, slug, stockBefore };
    const add = buyable.getByRole("button", { name: `将${name}加入购物车` });
    if (js) {
      await addWithFetcher(page, add, 2);
      expect(new URL(page.url()).pathname).toBe("/counties/huangzhong");
    } else {
      await submitAndWait(page, add, (u) => u.pathname === "/cart");
      expect(await page.getByTestId("cart-line").count()).toBe(2);
    }
  });

  it("the cart has the two lines", async () => {
    await page.goto(url("/cart"));
    await expectVisible(page.getByRole("heading", { level: 1, name: "购物车" }));
    const lines = page.getByTestId("cart-line");
    expect(await lines.count()).toBe(2);
    expect(await lines.filter({ hasText: YAK_SHANK.name }).count()).toBe(1);
    expect(await lines.filter({ hasText: journey.other.name }).count()).toBe(1);
    expect((await cartCount(page).innerText()).trim()).toBe("2");
  });

  it("checkout keeps the typed values and shows the phone error beside the field", async () => {
    await page.goto(url("/cart"));
    await waitForHydration(page, js, errors);
    await submitAndWait(
      page,
      page.getByRole("link", { name: T.checkout }),
      (u) => u.pathname === "/checkout",
    );
    await expectVisible(page.getByRole("heading", { level: 1, name: "结算" }));
    await expectVisible(page.getByTestId("checkout-total"));
    await waitForHydration(page, js, errors);
    await fillCheckout(page, { name: "王小明", phone: "12345", street: "软件大道 101 号" });
    await page.getByRole("button", { name: T.place }).click();
    const phone = page.getByLabel(T.phone);
    const phoneField = page.locator("div.field").filter({ has: page.locator("#field-phone") });
    await expectVisible(phoneField.getByText(T.phoneError, { exact: true }), 15_000);
    expect(new URL(page.url()).pathname).toBe("/checkout");
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await phone.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    expect(errorId, "the phone input points at its error with aria-describedby").toBeTruthy();
    expect((await page.locator(`[id="${errorId}"]`).innerText()).trim()).toBe(T.phoneError);
    // What the shopper typed is kept.
    expect(await page.getByLabel(T.contactName).inputValue()).toBe("王小明");
    expect(await page.getByLabel(T.street).inputValue()).toBe("软件大道 101 号");
    expect(await phone.inputValue()).toBe("12345");
    // Nothing was ordered.
    const orders = readDb(server.dbFile, (db) =>
      db.prepare("select count(*) as n from orders").get(),
    ) as { n: number };
    expect(orders.n).toBe(0);
  });

  it("with the phone fixed, the order is placed and goes to the demo payment page", async () => {
    if (new URL(page.url()).pathname !== "/checkout") {
      await page.goto(url("/checkout"));
      await fillCheckout(page, { phone: "12345" });
    }
    await page.getByLabel(T.phone).fill("13812345678");
    await submitAndWait(page, page.getByRole("button", { name: T.place }), (u) =>
      u.pathname.startsWith("/pay/demo/SH-"),
    );
    journey.number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    expect(journey.number).toMatch(ORDER_NUMBER);
    await expectVisible(page.getByRole("note").filter({ hasText: T.demoBanner }));
    await expectVisible(page.getByRole("heading", { level: 1, name: "模拟支付" }));
  });

  it("paying on the demo page shows a paid order with two lines and its aid amount", async () => {
    const { number } = journey;
    expect(number, "an order was placed in the previous step").toMatch(ORDER_NUMBER);
    if (new URL(page.url()).pathname !== `/pay/demo/${number}`)
      await page.goto(url(`/pay/demo/${number}`));
    await submitAndWait(
      page,
      page.getByRole("button", { name: T.payConfirm }),
      (u) => u.pathname === `/orders/${number}`,
    );
    const status = page.getByTestId("order-status");
    await expectVisible(status);
    expect(await status.getAttribute("data-status")).toBe("paid");
    expect((await status.innerText()).trim()).toBe(T.paid);
    const shownNumber = (await page.getByTestId("order-number").innerText()).trim();
    expect(shownNumber).toMatch(ORDER_NUMBER);
    expect(shownNumber).toBe(number);
    // No data-testid on order lines in orders.$number.tsx; the list items carry class "order-line".
    const orderLines = page.locator("section[aria-labelledby='lines-title'] li.order-line");
    expect(await orderLines.count()).toBe(2);
    expect(await orderLines.filter({ hasText: YAK_SHANK.name }).count()).toBe(1);
    expect(await orderLines.filter({ hasText: journey.other.name }).count()).toBe(1);
    const aid = page.getByTestId("order-aid");
    await expectVisible(aid);
    journey.orderAid = (await aid.innerText()).match(MONEY)?.[0] ?? "";
    expect(journey.orderAid).toMatch(MONEY);
    expect(journey.orderAid).not.toBe("¥0.00");
    expect((await page.getByTestId("order-total").innerText()).trim()).toMatch(MONEY);
  });

  it("the database has the order paid and the stock taken", () => {
    const order = readDb(server.dbFile, (db) =>
      db.prepare("select id, status from orders where number = ?").get(journey.number),
    ) as { id: number; status: string } | undefined;
    expect(order?.status).toBe("paid");
    const bought = readDb(server.dbFile, (db) =>
      db
        .prepare("select product_slug as slug, quantity from order_lines where order_id = ?")
        .all(order?.id ?? -1),
    ) as Array<{ slug: string; quantity: number }>;
    expect(bought).toHaveLength(2);
    const qty = (slug: string) => bought.find((b) => b.slug === slug)?.quantity ?? 0;
    expect(qty(YAK_SHANK.slug)).toBe(1);
    expect(qty(journey.other.slug)).toBe(1);
    expect(productRow(server.dbFile, YAK_SHANK.slug).stock).toBe(journey.shankStockBefore - 1);
    expect(productRow(server.dbFile, journey.other.slug).stock).toBe(journey.other.stockBefore - 1);
  });

  it("the home page's aid total has moved", async () => {
    await page.goto(url("/"));
    const aidAfter = (await page.getByTestId("aid-total").innerText()).trim();
    expect(aidAfter).not.toBe("¥0.00");
    // This store has exactly one paid order, whose two lines both count as aid.
    expect(aidAfter).toBe(journey.orderAid);
  });
});
