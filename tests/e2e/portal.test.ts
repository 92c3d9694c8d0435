// The marketplace loop in a real browser: a cooperative manager lists a product with a
// picture, an aid officer approves it, it appears in the catalogue, a shopper buys it, the
// manager ships it with a tracking number, and the shopper sees that number.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  expectVisible,
  fillCheckout,
  placeAndPayWithDemo,
  postToCart,
  readDb,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
} from "./helpers";

const COOP = "shuobei-yak-coop";
const PRODUCT = { zh: "牦牛奶酪块", en: "Yak milk cheese cubes" };
const TRACKING = "SF1234567890";

describe("list, approve, buy, ship", () => {
  // three people, three browsers (own cookies each)
  const store = storeWithPeople(["manager", "officer", "shopper"] as const);
  const { pages, url } = store;
  const state = { productPath: "", orderNumber: "", orderUrl: "" };

  it("the manager signs in and lands in their cooperative's portal", async () => {
    await signIn(
      pages.manager,
      store.server.baseUrl,
      { login: "yak@shanhai.demo", password: "shanhai-coop-2026" },
      new RegExp(`/coop/${COOP}$`),
    );
  });

  it("adds a product, which waits for review", async () => {
    const page = pages.manager;
    await page.goto(url(`/coop/${COOP}/products/new`));
    await waitForHydration(page, true);
    await page.locator("#field-nameZh").fill(PRODUCT.zh);
    await page.locator("#field-nameEn").fill(PRODUCT.en);
    await page.locator('[name="category"]').selectOption("dairy");
    await page.locator("#field-summaryZh").fill("牦牛奶发酵压制的奶酪块，奶香浓郁。");
    await page.locator("#field-storyZh").fill("朔北乡牧户挤的牦牛奶，在合作社的小作坊里做成奶酪。");
    await page.locator("#field-unitZh").fill("200 g/袋");
    await page.locator("#field-unitEn").fill("200 g bag");
    await page.locator("#field-price").fill("46.00");
    await page.locator("#field-stock").fill("30");
    await page.locator("#field-shelfLifeDays").fill("180");
    await page.locator('[name="cert.0.kind"]').selectOption("aid");
    await page.locator('[name="cert.0.number"]').fill("XNXFBF-2026-0999");
    await page.locator('[name="cert.0.issuedBy"]').fill("西宁市乡村振兴局");
    await page.locator('[name="cert.0.expiresOn"]').fill("2028-12-31");
    await submitAndWait(
      page,
      page.getByRole("button", { name: "提交审核" }),
      /\/products\/\d+\?done=created/,
    );
    state.productPath = new URL(page.url()).pathname;
    const row = readDb(store.server.dbFile, (db) =>
      db.prepare("select status, price_fen from products where name_zh = ?").get(PRODUCT.zh),
    );
    expect(row).toEqual({ status: "pending_review", price_fen: 4600 });
  });

  it("uploads a picture, checked and resized on the server", async () => {
    const page = pages.manager;
    const png = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: "#d9a425" },
    })
      .png()
      .toBuffer();
    await page
      .locator('input[type="file"][name="image"]')
      .setInputFiles({ name: "cheese.png", mimeType: "image/png", buffer: png });
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes(state.productPath),
      ),
      page.getByRole("button", { name: "上传图片" }).click(),
    ]);
    await page.waitForLoadState("networkidle");
    const image = readDb(store.server.dbFile, (db) =>
      db.prepare("select image from products where name_zh = ?").get(PRODUCT.zh),
    ) as { image: string };
    expect(image.image).toMatch(/^\/media\/[0-9a-f]{32}\/800\.webp$/);
    const served = await page.request.get(url(image.image));
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/webp");
    expect(served.headers()["cache-control"]).toContain("immutable");
  });

  it("a failed upload after a good one shows only the error, not the earlier success", async () => {
    const page = pages.manager;
    await page.waitForURL((u) => u.searchParams.get("done") === "image", { timeout: 5_000 });
    await expectVisible(page.getByRole("status").filter({ hasText: "图片已更新" }));
    const tiny = await sharp({
      create: { width: 120, height: 90, channels: 3, background: "#3a7bd5" },
    })
      .png()
      .toBuffer();
    await page
      .locator('input[type="file"][name="image"]')
      .setInputFiles({ name: "tiny.png", mimeType: "image/png", buffer: tiny });
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes(state.productPath),
      ),
      page.getByRole("button", { name: "上传图片" }).click(),
    ]);
    await expectVisible(page.locator("#field-image-error").filter({ hasText: "图片太小" }));
    expect(await page.getByText("图片已更新").count()).toBe(0);
    // the address has left the old ?done=image (Playwright hears of pushState a moment late)
    await page.waitForURL((u) => u.pathname === state.productPath && !u.searchParams.has("done"), {
      timeout: 5_000,
    });
  });

  it("is not in the store before the review", async () => {
    const page = pages.shopper;
    await page.goto(url(`/products?q=${encodeURIComponent("奶酪")}`));
    await expect(
      page.getByTestId("product-card").filter({ hasText: PRODUCT.zh }).count(),
    ).resolves.toBe(0);
  });

  it("the aid officer approves it, on record with their name", async () => {
    const page = pages.officer;
    await signIn(
      page,
      store.server.baseUrl,
      { login: "aid@shanhai.demo", password: "shanhai-aid-2026" },
      /\/aid$/,
    );
    await page.goto(url("/aid/reviews"));
    await submitAndWait(
      page,
      page.getByRole("link", { name: PRODUCT.zh }).first(),
      /\/aid\/reviews\/\d+$/,
    );
    await waitForHydration(page, true);
    await submitAndWait(
      page,
      page.getByRole("button", { name: "通过审核" }),
      /\/aid\/reviews\?decided=/,
    );
    const review = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          "select r.status, r.decided_by_name, p.status as product_status from product_reviews r join products p on p.id = r.product_id where p.name_zh = ?",
        )
        .get(PRODUCT.zh),
    );
    expect(review).toEqual({
      status: "approved",
      decided_by_name: "帮扶办 陈立",
      product_status: "active",
    });
  });

  it("a shopper finds it in the catalogue and buys it", async () => {
    const page = pages.shopper;
    await page.goto(url(`/products?q=${encodeURIComponent("奶酪")}`));
    const card = page.getByTestId("product-card").filter({ hasText: PRODUCT.zh });
    await expectVisible(card);
    await submitAndWait(page, card.getByRole("link").first(), /\/products\/yak-milk-cheese-cubes$/);
    await waitForHydration(page, true);
    const response = await postToCart(
      page,
      page.getByRole("button", { name: "加入购物车", exact: true }),
    );
    expect(response.status()).toBe(200);
    await page.goto(url("/checkout"));
    await fillCheckout(page);
    state.orderNumber = await placeAndPayWithDemo(page);
    state.orderUrl = page.url();
    await expect(page.getByTestId("order-status").getAttribute("data-status")).resolves.toBe(
      "paid",
    );
  });

  it("the manager ships it with a tracking number", async () => {
    const page = pages.manager;
    await page.goto(url(`/coop/${COOP}/shipments`));
    const link = page.getByRole("link", { name: new RegExp(state.orderNumber) }).first();
    await submitAndWait(page, link, /\/shipments\/\d+$/);
    await waitForHydration(page, true);
    await submitAndWait(page, page.getByRole("button", { name: "标记为已打包" }), /done=packed/);
    await page.locator('[name="carrier"]').selectOption("sf");
    await page.locator('[name="trackingNumber"]').fill(TRACKING);
    await submitAndWait(page, page.getByRole("button", { name: "确认发货" }), /done=shipped/);
    const order = readDb(store.server.dbFile, (db) =>
      db.prepare("select status from orders where number = ?").get(state.orderNumber),
    );
    expect(order).toEqual({ status: "fulfilled" });
  });

  it("the shopper sees the tracking number on the order page", async () => {
    const page = pages.shopper;
    await page.goto(state.orderUrl);
    await expect(page.getByTestId("tracking-number").first().innerText()).resolves.toContain(
      TRACKING,
    );
    await expect(page.getByTestId("order-status").getAttribute("data-status")).resolves.toBe(
      "fulfilled",
    );
  });
});
